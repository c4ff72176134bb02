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
import { chunked, monthOf } from '@linli/platform';
import { addToCounters, lockKey, lockKeys } from '@linli/subgraph-kit';
import { addToFirmMonths } from '../assessment/firm-month.counters';
import { causedBy } from '../shared/cause';
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

/** The service-rate counters' share of netted deltas (one key once each), in one upsert: an event moves several dimensions and scopes. */
function addToRates(em: EntityManager, deltas: readonly Contribution[]): Promise<void> {
  return addToCounters(
    em,
    RateCounterEntity,
    deltas.flatMap((d) => (d.kind === 'rate' ? [{ keys: { dimension: d.dimension, scopeId: d.scopeId, month: d.month }, deltas: d.counters }] : [])),
  );
}

/** Reacts to a bad rating once it is counted (the REPEATED_BAD_RATINGS rule); off while replaying. */
export type BadRatingReaction = (em: EntityManager, firmId: string, ratedAt: Date, e: EventEnvelope) => Promise<void>;

/**
 * Applies one ticket event: the ticket's facts, then the difference it makes
 * to the assessment and service-rate counters, in the consumer's transaction
 * (so with its processed-event row: exactly once per event).
 */
async function applyTicket(em: EntityManager, kind: TicketEventKind, e: EventEnvelope<string, TicketEventV1>, { onBadRating, announce }: TicketProjectionOptions) {
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
  const deltas = diffContributions(contributionsOf(before), contributionsOf(after));
  await addToFirmMonths(em, deltas.flatMap((d) => (d.kind === 'firm' ? [d] : [])), announce ? causedBy(e) : null);
  await addToRates(em, deltas);

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

/**
 * What the projection does beyond its read models: react to bad ratings,
 * announce the months it moved (AssessmentChanged). A rebuild does neither:
 * it replays history without consequences.
 */
export interface TicketProjectionOptions {
  onBadRating?: BadRatingReaction;
  announce: boolean;
}

/** Handlers for every ticket transition event (`tickets.ticket.overdue` adds nothing: due times are in the snapshots). */
export function ticketProjectionHandlers(options: TicketProjectionOptions): EventHandlers {
  return Object.assign({}, ...TRANSITIONS.map(([def, kind]) => on(def, (em, e) => applyTicket(em, kind, e, options))));
}

const KINDS = new Map(TRANSITIONS.map(([def, kind]) => [def.type, kind]));

/** Facts read per query and written per upsert (a row binds ~20 parameters; PostgreSQL takes 65,535 a statement). */
const ROWS_PER_STATEMENT = 1_000;

/**
 * The REPEATED_BAD_RATINGS reactions of one run of ticket events
 * (`badRatingRun`, rectification): told how the fold moves each of the
 * run's tickets, it decides at each new bad rating what `onBadRating` would
 * decide with the facts written up to that event.
 */
export interface BadRatingRun {
  moved(ticketId: string, before: TicketFacts | null, after: TicketFacts): void;
  react(firmId: string, ratedAt: Date, cause: EventEnvelope): Promise<void>;
}

/**
 * The same as `ticketProjectionHandlers` for a run of ticket events in one
 * transaction (the seed, replays): the tickets' locks in one statement, their
 * facts read in a few queries and folded through the same rules in memory,
 * written once in multi-row upserts; the counters' deltas summed per row and
 * added in multi-row upserts at the end (additions commute, so the totals are
 * the one-by-one totals). Bad ratings are reacted to by the run's reactions
 * (`runOf`), which count what the one-by-one path counts at that event.
 */
export function ticketProjectionBatch({
  runOf,
  announce,
}: {
  runOf?: (em: EntityManager, facts: ReadonlyMap<string, TicketFacts>) => BadRatingRun;
  announce: boolean;
}): BatchHandler {
  return {
    definitions: TRANSITIONS.map(([def]) => def),
    apply: async (em, events) => {
      const tickets = events as readonly EventEnvelope<string, TicketEventV1>[];
      const ids = [...new Set(tickets.map((e) => e.payload.ticket.ticketId))];
      await lockKeys(em, 'ticket', ids);
      // Same transaction, its own identity map (for what reactions record). The facts are plain values here,
      // read and written without the unit of work.
      const unit = em.fork({ keepTransactionContext: true });
      const facts = new Map<string, TicketFacts>();
      for (const chunk of chunked(ids, ROWS_PER_STATEMENT)) {
        for (const row of await unit.find(TicketFactEntity, { id: { $in: chunk } }, { disableIdentityMap: true })) facts.set(row.id, toFacts(row));
      }
      const run = runOf?.(unit, facts);
      const changed = new Set<string>();
      let deltas: Contribution[] = [];
      for (const e of tickets) {
        const id = e.payload.ticket.ticketId;
        const before = facts.get(id) ?? null;
        const after = applyTicketEvent(before, KINDS.get(e.type)!, e.payload);
        facts.set(id, after);
        changed.add(id);
        run?.moved(id, before, after);
        deltas.push(...diffContributions(contributionsOf(before), contributionsOf(after)));
        // Summed as they come, so a long run keeps one delta per counter row.
        if (deltas.length >= 10_000) deltas = diffContributions([], deltas);
        const bad = newBadRating(before, after);
        if (bad && run) await run.react(bad.firmId, bad.ratedAt, e);
      }
      const rows = [...changed].map((id) => ({ id, ...toRowValues(facts.get(id)!) }));
      for (const chunk of chunked(rows, ROWS_PER_STATEMENT)) {
        await (unit as SqlEntityManager).createQueryBuilder(TicketFactEntity).insert(chunk).onConflict('id').merge().execute();
      }
      // What the reactions recorded (rectifications, their events).
      await unit.flush();
      deltas = diffContributions([], deltas);
      // One AssessmentChanged per month the run moved, caused by the run's last event.
      await addToFirmMonths(em, deltas.flatMap((d) => (d.kind === 'firm' ? [d] : [])), announce ? causedBy(tickets[tickets.length - 1]) : null);
      await addToRates(em, deltas);
    },
  };
}
