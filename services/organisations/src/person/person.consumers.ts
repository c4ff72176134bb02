import type { EntityManager } from '@mikro-orm/core';
import { GridStaffAssigned, TicketDispatched, TicketSubmitted, on, type EventHandlers } from '@linli/events';
import { PersonAffiliationEntity, type AffiliationSource } from './person.entity';

async function affiliate(em: EntityManager, personId: string, organisationId: string, source: AffiliationSource): Promise<void> {
  if (await em.count(PersonAffiliationEntity, { personId, organisationId })) return;
  em.create(PersonAffiliationEntity, { personId, organisationId, source });
}

/**
 * Where people become known outside the organisations service: a grid post
 * puts the staff member in the community's scope; a ticket puts its reporter
 * in the community's scope and (so the handler sees who reported, with a
 * masked phone) in the assignee's.
 */
export const personAffiliationHandlers: EventHandlers = {
  ...on(GridStaffAssigned, (em, e) => affiliate(em, e.payload.personId, e.payload.communityId, 'GRID_STAFF')),
  ...on(TicketSubmitted, (em, e) => affiliate(em, e.payload.ticket.reporterId, e.payload.ticket.communityId, 'TICKET')),
  ...on(TicketDispatched, async (em, e) => {
    if (e.payload.ticket.assigneeId) await affiliate(em, e.payload.ticket.reporterId, e.payload.ticket.assigneeId, 'TICKET');
  }),
};
