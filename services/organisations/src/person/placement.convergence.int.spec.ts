import {
  createEnvelope,
  eventEntities,
  OutboxEvent,
  PersonPlaced,
  TicketAccepted,
  TicketClosed,
  TicketDispatched,
  TicketResolved,
  TicketReturned,
  TicketSubmitted,
  type EventDefinition,
  type EventEnvelope,
  type PersonPlacedV1,
  type TicketEventV1,
  type TicketSnapshotV1,
  type TicketStatus,
} from '@linli/events';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { producerClock, seededRandom, useTestSqlite } from '@linli/testing';
import { organisationsSubgraph } from '../subgraph';
import { personAffiliationHandlers } from './person.consumers';
import { PersonAffiliationEntity } from './person.entity';

const C = ['00000000-0000-4000-8000-00000000c001', '00000000-0000-4000-8000-00000000c002'];
const FIRMS = ['00000000-0000-4000-8000-00000000f001', '00000000-0000-4000-8000-00000000f002'];
const PEOPLE = [1, 2].map((n) => `00000000-0000-4000-8000-00000000d00${n}`);
const BASE = Date.parse('2026-11-01T00:00:00.000Z');

type Step = [EventDefinition<string, TicketEventV1>, TicketStatus, string | null];

/** A ticket's events: submitted, dispatched to a firm (some returned and dispatched to the other), accepted, resolved, closed. */
function ticketSteps(random: () => number): Step[] {
  const [first, second] = random() < 0.5 ? FIRMS : [...FIRMS].reverse();
  const steps: Step[] = [[TicketSubmitted, 'SUBMITTED', null], [TicketDispatched, 'DISPATCHED', first]];
  if (random() < 0.4) steps.push([TicketReturned, 'SUBMITTED', null], [TicketDispatched, 'DISPATCHED', second]);
  const assignee = steps[steps.length - 1][2];
  steps.push([TicketAccepted, 'ACCEPTED', assignee], [TicketResolved, 'RESOLVED', assignee]);
  if (random() < 0.7) steps.push([TicketClosed, 'CLOSED', assignee]);
  return steps;
}

/**
 * Tickets of two reporters, each ticket's events in order but the tickets
 * interleaved, stamped by a producer with lagging replicas (`producerClock`):
 * an event delivered later may carry an earlier `occurredAt`.
 */
function history(random: () => number, tickets: number): EventEnvelope<string, TicketEventV1>[] {
  const queues = Array.from({ length: tickets }, (_, i) => {
    const ticketId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const reporterId = PEOPLE[Math.floor(random() * PEOPLE.length)];
    const communityId = C[Math.floor(random() * C.length)];
    return ticketSteps(random).map(([def, status, assigneeId]) => ({ def, ticket: { ticketId, reporterId, communityId, status, assigneeId } as TicketSnapshotV1 }));
  });
  const at = producerClock(random, BASE, 60_000);
  const events: EventEnvelope<string, TicketEventV1>[] = [];
  while (queues.some((q) => q.length)) {
    const open = queues.filter((q) => q.length);
    const { def, ticket } = open[Math.floor(random() * open.length)].shift()!;
    const occurredAt = at();
    events.push(createEnvelope(def, { ticket, transition: { action: 'SUBMIT', at: occurredAt, fromStatus: null, toStatus: ticket.status, actorId: null } }, { source: 'tickets', occurredAt }));
  }
  return events;
}

/**
 * Reporters' placements: each change announced once, an unchanged set never,
 * and the announcement the copies in grids and tickets keep (the newest
 * `asOf`) is the placement the affiliations hold at the end, even when the
 * events arrived out of their instants' order.
 */
describe("reporters' placements (organisations) are announced on change and the newest is the last", () => {
  const db = useTestSqlite('placement', (path) =>
    openDatabase({ service: 'placement', target: { driver: 'sqlite', file: path }, entities: [...organisationsSubgraph.entities, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') }),
  );

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('seed %i', async (seed) => {
    const random = seededRandom(seed);
    const events = history(random, 12);
    const em0 = db().em.fork();
    for (const table of ['person_affiliation', 'person_placement', 'outbox_event']) await em0.getConnection().execute(`delete from ${table}`);
    // In delivery order, one transaction each, and every event a second time (a redelivery changes nothing).
    for (const e of [...events, ...events]) await db().em.fork().transactional((tx) => personAffiliationHandlers[e.type](tx, e));

    const rows = await db().em.fork().find(PersonAffiliationEntity, {});
    const outbox = await db().em.fork().find(OutboxEvent, { type: PersonPlaced.type }, { orderBy: { seq: 'asc' } });
    const announced = outbox.map((o) => o.payload as PersonPlacedV1);
    for (const person of PEOPLE) {
      const mine = announced.filter((a) => a.personId === person);
      const held = [...new Set(rows.filter((r) => r.personId === person).map((r) => r.organisationId))].sort();
      if (!held.length) continue;
      // Each announcement differs from the one before and is after it.
      mine.slice(1).forEach((a, i) => {
        expect(a.organisationIds).not.toEqual(mine[i].organisationIds);
        expect(Date.parse(a.asOf)).toBeGreaterThan(Date.parse(mine[i].asOf));
      });
      // What a copy keeping the newest asOf ends with.
      const newest = mine.reduce((a, b) => (Date.parse(b.asOf) >= Date.parse(a.asOf) ? b : a));
      expect({ person, placed: newest.organisationIds }).toEqual({ person, placed: held });
      // One row per community reported in, however many tickets.
      const reportedIn = new Set(events.filter((e) => e.payload.ticket.reporterId === person).map((e) => e.payload.ticket.communityId));
      expect(rows.filter((r) => r.personId === person && r.source === 'TICKET').map((r) => r.organisationId).sort()).toEqual([...reportedIn].sort());
    }
    // Fewer announcements than events that could have made one: unchanged sets are not told.
    expect(announced.length).toBeLessThan(events.length);
  });
});
