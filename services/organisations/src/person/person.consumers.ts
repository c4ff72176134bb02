import type { EntityManager } from '@mikro-orm/core';
import { cstDateOf } from '@linli/platform';
import {
  GridStaffAssigned,
  GridStaffUnassigned,
  TicketAccepted,
  TicketCancelled,
  TicketClosed,
  TicketDispatched,
  TicketEscalated,
  TicketRated,
  TicketReopened,
  TicketResolved,
  TicketReturned,
  TicketSubmitted,
  on,
  type BatchHandler,
  type EventEnvelope,
  type EventHandlers,
  type TicketEventV1,
} from '@linli/events';
import { affiliate, announcePlacement, endAffiliation, inForce, placementOf, placementsOf } from './person.affiliations';
import { PersonAffiliationEntity } from './person.entity';
import { EndedGridAssignmentEntity } from './ended-assignment.entity';

const metaOf = (e: EventEnvelope) => ({ source: 'organisations', correlationId: e.id, occurredAt: e.occurredAt });
const todayOf = (e: EventEnvelope) => cstDateOf(new Date(e.occurredAt));

/**
 * A dispatch places the reporter in the assignee's scope (its staff see who
 * reported, phone masked) only while the ticket is DISPATCHED or ACCEPTED
 * there; when it is returned, escalated, reassigned or settled, that ends.
 */
async function followDispatch(em: EntityManager, e: EventEnvelope<string, TicketEventV1>): Promise<void> {
  const t = e.payload.ticket;
  const ref = `dispatch:${t.ticketId}`;
  const current = await em.find(PersonAffiliationEntity, { personId: t.reporterId, ref });
  const assignee = (t.status === 'DISPATCHED' || t.status === 'ACCEPTED') && t.assigneeId ? t.assigneeId : null;
  if (current.length === (assignee ? 1 : 0) && (!assignee || current[0].organisationId === assignee)) return;
  for (const row of current) em.remove(row);
  if (assignee) em.create(PersonAffiliationEntity, { personId: t.reporterId, organisationId: assignee, ref, source: 'DISPATCH', until: null });
  await announcePlacement(em, t.reporterId, metaOf(e), todayOf(e));
}

const dispatchEvents = [TicketDispatched, TicketAccepted, TicketReturned, TicketResolved, TicketReopened, TicketRated, TicketEscalated, TicketCancelled, TicketClosed];

/**
 * Where people become known outside this service: a grid post puts the staff
 * member in the community's scope while it lasts; a ticket puts its reporter
 * in the community's scope, and in the assignee's while dispatched there.
 * Grids and tickets refuse to name a person outside the caller's scope
 * (PersonPlaced), so these never widen a scope beyond what the write is about.
 * A post's end is kept (`ended_grid_assignment`), so the post arriving after
 * its end places no one.
 */
export const personAffiliationHandlers: EventHandlers = {
  ...on(GridStaffAssigned, async (em, e) => {
    // Its end arrived first (kept as a tombstone): the post is over, it places no one.
    if (await em.count(EndedGridAssignmentEntity, { assignmentId: e.payload.assignmentId })) return;
    await affiliate(em, e.payload.personId, e.payload.communityId, 'GRID_STAFF', e.payload.assignmentId);
    await announcePlacement(em, e.payload.personId, metaOf(e), todayOf(e));
  }),
  ...on(GridStaffUnassigned, async (em, e) => {
    if (!(await em.count(EndedGridAssignmentEntity, { assignmentId: e.payload.assignmentId }))) {
      em.create(EndedGridAssignmentEntity, { assignmentId: e.payload.assignmentId, endedAt: new Date(e.occurredAt) });
    }
    await endAffiliation(em, e.payload.personId, e.payload.assignmentId);
    await announcePlacement(em, e.payload.personId, metaOf(e), todayOf(e));
  }),
  ...on(TicketSubmitted, async (em, e) => {
    const t = e.payload.ticket;
    await affiliate(em, t.reporterId, t.communityId, 'TICKET', `ticket:${t.ticketId}`);
    await announcePlacement(em, t.reporterId, metaOf(e), todayOf(e));
  }),
  ...Object.assign({}, ...dispatchEvents.map((def) => on(def, followDispatch))),
};

type Affiliation = Pick<PersonAffiliationEntity, 'personId' | 'organisationId' | 'ref' | 'source' | 'until'>;
const keyOf = (a: Pick<Affiliation, 'personId' | 'organisationId' | 'ref'>) => `${a.personId}|${a.organisationId}|${a.ref}`;

/**
 * The ticket handlers above for a run of ticket events in one transaction
 * (the seed, replays): the affiliations the run touches (its tickets' refs)
 * read in one query and changed in memory by the same rules, written at one
 * flush; then each reporter's placement announced once, as of the last event
 * that changed it: the announcement the one-by-one path makes last (the
 * copies keep the newest, so the earlier ones of the run change nothing
 * there). A run with a grid post is not this handler's: posts go one by one.
 */
export const ticketAffiliationBatch: BatchHandler = {
  definitions: [TicketSubmitted, ...dispatchEvents],
  apply: async (em, events) => {
    const tickets = events as readonly EventEnvelope<string, TicketEventV1>[];
    const refs = [...new Set(tickets.flatMap((e) => [`ticket:${e.payload.ticket.ticketId}`, `dispatch:${e.payload.ticket.ticketId}`]))];
    const reporters = [...new Set(tickets.map((e) => e.payload.ticket.reporterId))];
    const loaded = await em.find(PersonAffiliationEntity, { personId: { $in: reporters }, ref: { $in: refs } });
    const rows = new Map(loaded.map((r) => [keyOf(r), r]));
    const byRef = new Map<string, Set<string>>();
    for (const r of loaded) byRef.set(r.ref, (byRef.get(r.ref) ?? new Set()).add(keyOf(r)));
    // Each person's last event that changed where they are placed.
    const announcing = new Map<string, EventEnvelope>();
    const put = (a: Affiliation) => {
      const key = keyOf(a);
      const row = rows.get(key);
      if (row) row.until = a.until;
      else rows.set(key, em.create(PersonAffiliationEntity, a));
      byRef.set(a.ref, (byRef.get(a.ref) ?? new Set()).add(key));
    };
    for (const e of tickets) {
      const t = e.payload.ticket;
      if (e.type === TicketSubmitted.type) {
        put({ personId: t.reporterId, organisationId: t.communityId, ref: `ticket:${t.ticketId}`, source: 'TICKET', until: null });
        announcing.set(t.reporterId, e);
        continue;
      }
      const ref = `dispatch:${t.ticketId}`;
      const current = [...(byRef.get(ref) ?? [])].map((k) => rows.get(k)!).filter((r) => r.personId === t.reporterId);
      const assignee = (t.status === 'DISPATCHED' || t.status === 'ACCEPTED') && t.assigneeId ? t.assigneeId : null;
      if (current.length === (assignee ? 1 : 0) && (!assignee || current[0].organisationId === assignee)) continue;
      for (const row of current) {
        em.remove(row);
        rows.delete(keyOf(row));
        byRef.get(ref)!.delete(keyOf(row));
      }
      if (assignee) put({ personId: t.reporterId, organisationId: assignee, ref, source: 'DISPATCH', until: null });
      announcing.set(t.reporterId, e);
    }
    await em.flush();
    if (!announcing.size) return;
    const placed = await placementsOf(em, [...announcing.keys()]);
    for (const [personId, e] of announcing) {
      const today = todayOf(e);
      placementOf(em, personId, (placed.get(personId) ?? []).filter((r) => inForce(r, today)), metaOf(e));
    }
  },
};
