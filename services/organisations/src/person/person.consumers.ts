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
  type TicketSnapshotV1,
} from '@linli/events';
import { affiliate, announceIfChanged, announcePlacement, endAffiliation, inForce, lastAnnounced } from './person.affiliations';
import { PersonAffiliationEntity } from './person.entity';
import { EndedGridAssignmentEntity } from './ended-assignment.entity';

/**
 * A reporter stays in the scope of every community they reported in, whatever
 * becomes of the ticket: one row per community (not per ticket), so a
 * person's rows, read on every placement and scope check, do not grow with
 * their history.
 */
export const REPORTED = 'reported';

const metaOf = (e: EventEnvelope) => ({ source: 'organisations', correlationId: e.id, occurredAt: e.occurredAt });
const todayOf = (e: EventEnvelope) => cstDateOf(new Date(e.occurredAt));

/** The dispatch a ticket's snapshot speaks of: its affiliation's ref, and the assignee while DISPATCHED or ACCEPTED there (else null). */
const dispatchOf = (t: TicketSnapshotV1) => ({
  ref: `dispatch:${t.ticketId}`,
  assignee: (t.status === 'DISPATCHED' || t.status === 'ACCEPTED') && t.assigneeId ? t.assigneeId : null,
});

/** Whether the reporter's rows for a dispatch already say what the snapshot says (nothing to change, nothing to announce). */
const holdsDispatch = (current: readonly Pick<PersonAffiliationEntity, 'organisationId'>[], assignee: string | null) =>
  current.length === (assignee ? 1 : 0) && (!assignee || current[0].organisationId === assignee);

/**
 * A dispatch places the reporter in the assignee's scope (its staff see who
 * reported, phone masked) only while the ticket is DISPATCHED or ACCEPTED
 * there; when it is returned, escalated, reassigned or settled, that ends.
 */
async function followDispatch(em: EntityManager, e: EventEnvelope<string, TicketEventV1>): Promise<void> {
  const t = e.payload.ticket;
  const { ref, assignee } = dispatchOf(t);
  const current = await em.find(PersonAffiliationEntity, { personId: t.reporterId, ref });
  if (holdsDispatch(current, assignee)) return;
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
    await affiliate(em, t.reporterId, t.communityId, 'TICKET', REPORTED);
    await announcePlacement(em, t.reporterId, metaOf(e), todayOf(e));
  }),
  ...Object.assign({}, ...dispatchEvents.map((def) => on(def, followDispatch))),
};

const keyOf = (a: Pick<PersonAffiliationEntity, 'organisationId' | 'ref'>) => `${a.organisationId}|${a.ref}`;

/**
 * The ticket handlers above for a run of ticket events in one transaction
 * (the seed, replays): the run's reporters' affiliations and last
 * announcements read in two queries, changed in memory by the same rules
 * event by event, each change of a placement announced as the one-by-one
 * path announces it, all written at one flush. A run with a grid post is not
 * this handler's: posts go one by one.
 */
export const ticketAffiliationBatch: BatchHandler = {
  definitions: [TicketSubmitted, ...dispatchEvents],
  apply: async (em, events) => {
    const tickets = events as readonly EventEnvelope<string, TicketEventV1>[];
    const reporters = [...new Set(tickets.map((e) => e.payload.ticket.reporterId))];
    const rowsOf = new Map<string, Map<string, PersonAffiliationEntity>>(reporters.map((p) => [p, new Map()]));
    for (let i = 0; i < reporters.length; i += 1_000) {
      for (const r of await em.find(PersonAffiliationEntity, { personId: { $in: reporters.slice(i, i + 1_000) } })) rowsOf.get(r.personId)!.set(keyOf(r), r);
    }
    const announced = await lastAnnounced(em, reporters);
    for (const e of tickets) {
      const t = e.payload.ticket;
      const mine = rowsOf.get(t.reporterId)!;
      if (e.type === TicketSubmitted.type) {
        const key = keyOf({ organisationId: t.communityId, ref: REPORTED });
        const row = mine.get(key);
        if (row) row.until = null;
        else mine.set(key, em.create(PersonAffiliationEntity, { personId: t.reporterId, organisationId: t.communityId, ref: REPORTED, source: 'TICKET', until: null }));
      } else {
        const { ref, assignee } = dispatchOf(t);
        const current = [...mine.values()].filter((r) => r.ref === ref);
        if (holdsDispatch(current, assignee)) continue;
        for (const row of current) {
          em.remove(row);
          mine.delete(keyOf(row));
        }
        if (assignee) mine.set(keyOf({ organisationId: assignee, ref }), em.create(PersonAffiliationEntity, { personId: t.reporterId, organisationId: assignee, ref, source: 'DISPATCH', until: null }));
      }
      const today = todayOf(e);
      const organisationIds = [...mine.values()].filter((r) => inForce(r, today)).map((r) => r.organisationId);
      const held = announceIfChanged(em, t.reporterId, announced.get(t.reporterId) ?? null, organisationIds, metaOf(e));
      if (held) announced.set(t.reporterId, held);
    }
    await em.flush();
  },
};
