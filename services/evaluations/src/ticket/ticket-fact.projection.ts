import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
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
  type EventDefinition,
  type EventEnvelope,
  type EventHandlers,
  type TicketEventV1,
} from '@linli/events';
import { monthOf } from '@linli/platform';
import { addToCounters, addToCountersMany, lockKey, lockKeys } from '../shared/sql';
import { FirmMonthEntity } from '../assessment/firm-month.entity';
import { RateCounterEntity } from '../rates/rate-counter.entity';
import { TicketFactEntity } from './ticket-fact.entity';
import { applyTicketEvent, contributionsOf, diffContributions, newBadRating, type Contribution, type TicketEventKind, type TicketFacts } from './ticket-facts.rules';

const toFacts = (row: TicketFactEntity): TicketFacts => ({
  ticketId: row.id,
  code: row.code,
  version: row.version,
  status: row.status,
  communityId: row.communityId,
  assigneeId: row.assigneeId,
  reporterId: row.reporterId,
  escalationLevel: row.escalationLevel,
  submittedAt: row.submittedAt,
  responseDueAt: row.responseDueAt,
  resolutionDueAt: row.resolutionDueAt,
  resolvedAt: row.resolvedAt,
  resolvedById: row.resolvedById,
  ratingScore: row.ratingScore,
  ratedAt: row.ratedAt,
  dispatches: row.dispatches,
  acceptedOnTimeBy: row.acceptedOnTimeBy,
});

function toRowValues(f: TicketFacts) {
  const { ticketId: _id, ...rest } = f;
  return { ...rest, ratedMonth: f.ratedAt ? monthOf(f.ratedAt) : null };
}

/** Reacts to a bad rating once it is counted (the REPEATED_BAD_RATINGS rule); off while replaying. */
export type BadRatingReaction = (em: EntityManager, firmId: string, ratedAt: Date, e: EventEnvelope) => Promise<void>;

/**
 * Applies one ticket event: the ticket's facts, then the difference it makes
 * to the assessment and service-rate counters, in the consumer's transaction
 * (so with its processed-event row: exactly once per event).
 */
async function applyTicket(em: EntityManager, kind: TicketEventKind, e: EventEnvelope<string, TicketEventV1>, onBadRating?: BadRatingReaction) {
  const ticketId = e.payload.ticket.ticketId;
  // Replicas handling two events of one ticket take turns: each sees the other's facts.
  await lockKey(em, 'ticket', ticketId);
  const row = await em.findOne(TicketFactEntity, { id: ticketId });
  const before = row ? toFacts(row) : null;
  const after = applyTicketEvent(before, kind, e.payload);
  if (row) em.assign(row, toRowValues(after));
  else em.create(TicketFactEntity, { id: ticketId, ...toRowValues(after) });
  await em.flush();

  const bad = newBadRating(before, after);
  // Lock order firm → counter rows, as finalisation and inspections take them: no deadlock between them.
  if (bad && onBadRating) await lockKey(em, 'firm', bad.firmId);
  for (const delta of diffContributions(contributionsOf(before), contributionsOf(after))) {
    if (delta.kind === 'firm') await addToCounters(em, FirmMonthEntity, { firmId: delta.firmId, month: delta.month }, delta.counters);
    else await addToCounters(em, RateCounterEntity, { dimension: delta.dimension, scopeId: delta.scopeId, month: delta.month }, delta.counters);
  }

  if (bad && onBadRating) await onBadRating(em, bad.firmId, bad.ratedAt, e);
}

const TRANSITIONS: [EventDefinition<string, TicketEventV1>, TicketEventKind][] = [
  [TicketSubmitted, 'OTHER'],
  [TicketDispatched, 'DISPATCHED'],
  [TicketAccepted, 'ACCEPTED'],
  [TicketReturned, 'OTHER'],
  [TicketResolved, 'OTHER'],
  [TicketReopened, 'OTHER'],
  [TicketRated, 'OTHER'],
  [TicketEscalated, 'OTHER'],
  [TicketCancelled, 'OTHER'],
  [TicketClosed, 'OTHER'],
];

/** Handlers for every ticket transition event (`tickets.ticket.overdue` adds nothing: due times are in the snapshots). */
export function ticketProjectionHandlers(onBadRating?: BadRatingReaction): EventHandlers {
  return Object.assign({}, ...TRANSITIONS.map(([def, kind]) => on(def, (em, e) => applyTicket(em, kind, e, onBadRating))));
}

const KINDS = new Map(TRANSITIONS.map(([def, kind]) => [def.type, kind]));

/** Events whose facts are read in one query and whose reactions (rectifications) share one unit of work. */
const EVENTS_PER_UNIT = 500;

/**
 * The same as `ticketProjectionHandlers` for a run of ticket events in one
 * transaction (the seed, replays): the tickets' locks in one statement, their
 * facts read in one query per 500 events and folded through the same rules
 * in memory, the counters' deltas summed per row and added in multi-row
 * upserts at the end (additions commute, so the totals are the one-by-one
 * totals). A bad rating first writes the facts as they stand at that event
 * and then runs the reaction, so it counts exactly what the one-by-one path
 * counts.
 */
export function ticketProjectionBatch(onBadRating?: BadRatingReaction): BatchHandler {
  return {
    definitions: TRANSITIONS.map(([def]) => def),
    apply: async (em, events) => {
      const ticketOf = (e: EventEnvelope) => (e as EventEnvelope<string, TicketEventV1>).payload.ticket.ticketId;
      await lockKeys(em, 'ticket', events.map(ticketOf));
      let deltas: Contribution[] = [];
      for (let i = 0; i < events.length; i += EVENTS_PER_UNIT) {
        const part = events.slice(i, i + EVENTS_PER_UNIT) as readonly EventEnvelope<string, TicketEventV1>[];
        // Same transaction, its own identity map (for what reactions record). The facts are plain values here,
        // read and written without the unit of work, so a bad rating's write costs the rows changed since the last.
        const unit = em.fork({ keepTransactionContext: true });
        const ids = [...new Set(part.map(ticketOf))];
        const facts = new Map((await unit.find(TicketFactEntity, { id: { $in: ids } }, { disableIdentityMap: true })).map((r) => [r.id, toFacts(r)]));
        const changed = new Set<string>();
        const write = async () => {
          if (!changed.size) return;
          const rows = [...changed].map((id) => ({ id, ...toRowValues(facts.get(id)!) }));
          changed.clear();
          await (unit as SqlEntityManager).createQueryBuilder(TicketFactEntity).insert(rows).onConflict('id').merge().execute();
        };
        for (const e of part) {
          const id = e.payload.ticket.ticketId;
          const before = facts.get(id) ?? null;
          const after = applyTicketEvent(before, KINDS.get(e.type)!, e.payload);
          facts.set(id, after);
          changed.add(id);
          deltas.push(...diffContributions(contributionsOf(before), contributionsOf(after)));
          const bad = newBadRating(before, after);
          if (bad && onBadRating) {
            await write();
            await lockKey(unit, 'firm', bad.firmId);
            await onBadRating(unit, bad.firmId, bad.ratedAt, e);
          }
        }
        // The part's facts and whatever the reactions recorded (rectifications, their events).
        await write();
        await unit.flush();
        // Summed as they come, so a long run keeps one delta per counter row.
        deltas = diffContributions([], deltas);
      }
      await addToCountersMany(
        em,
        FirmMonthEntity,
        deltas.flatMap((d) => (d.kind === 'firm' ? [{ keys: { firmId: d.firmId, month: d.month }, deltas: d.counters }] : [])),
      );
      await addToCountersMany(
        em,
        RateCounterEntity,
        deltas.flatMap((d) => (d.kind === 'rate' ? [{ keys: { dimension: d.dimension, scopeId: d.scopeId, month: d.month }, deltas: d.counters }] : [])),
      );
    },
  };
}
