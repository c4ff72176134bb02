import type { EntityManager } from '@mikro-orm/core';
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
  type EventDefinition,
  type EventEnvelope,
  type EventHandlers,
  type TicketEventV1,
} from '@linli/events';
import { monthOf } from '@linli/platform';
import { addToCounters, lockKey } from '../shared/sql';
import { FirmMonthEntity } from '../assessment/firm-month.entity';
import { RateCounterEntity } from '../rates/rate-counter.entity';
import { TicketFactEntity } from './ticket-fact.entity';
import { applyTicketEvent, contributionsOf, diffContributions, newBadRating, type TicketEventKind, type TicketFacts } from './ticket-facts.rules';

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
