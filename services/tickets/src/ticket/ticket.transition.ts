import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { dialectOf } from '@linli/events';
import { TicketEntity, TicketHandlerEntity, TimelineEntryEntity } from './ticket.entity';
import { countedOf, recordCounts } from './ticket.count';
import { recordTransition, type EventMeta } from './ticket.events';
import { decide, type TicketCommand, type TicketState, type TicketStatus, type TimelineAction } from './ticket.rules';

export const stateOf = (t: TicketEntity): TicketState => ({
  status: t.status,
  priority: t.priority,
  escalationLevel: t.escalationLevel,
  assigneeId: t.assigneeId,
  responseDueAt: t.responseDueAt,
  resolutionDueAt: t.resolutionDueAt,
  responseOverdueAnnouncedAt: t.responseOverdueAnnouncedAt,
  resolutionOverdueAnnouncedAt: t.resolutionOverdueAnnouncedAt,
  lastDispatchedAt: t.lastDispatchedAt,
  acceptedAt: t.acceptedAt,
  resolvedAt: t.resolvedAt,
  resolvedById: t.resolvedById,
  closedAt: t.closedAt,
  cancelledAt: t.cancelledAt,
  reopenCount: t.reopenCount,
  rating:
    t.ratingScore !== null && t.ratedAt ? { score: t.ratingScore, comment: t.ratingComment, ratedAt: t.ratedAt, via: t.ratingVia ?? 'RESIDENT' } : null,
});

/** The columns that hold a state (the rating is three of them). */
export function stateColumns(s: TicketState) {
  const { rating, ...rest } = s;
  return {
    ...rest,
    ratingScore: rating?.score ?? null,
    ratingComment: rating?.comment ?? null,
    ratedAt: rating?.ratedAt ?? null,
    ratingVia: rating?.via ?? null,
  };
}

/**
 * Loads a ticket for a change. On PostgreSQL the row stays locked until the
 * transaction ends (`FOR UPDATE`), so a user's action and the scheduler (which
 * skips locked rows) never both act on one ticket; the loser re-reads the
 * committed state and meets INVALID_TRANSITION. SQLite has one writer.
 */
export function lockTicket(em: EntityManager, id: string): Promise<TicketEntity | null> {
  return em.findOne(TicketEntity, { id }, dialectOf(em) === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
}

export interface TransitionContext {
  /** Person id of who acts; null for the scheduler. */
  actorId: string | null;
  note: string | null;
  event: EventMeta;
}

/** The first entry of a new ticket's timeline and its TicketSubmitted event. */
export function recordSubmission(em: EntityManager, t: TicketEntity, ctx: TransitionContext): void {
  appendTimeline(em, t, 'SUBMIT', null, ctx);
  recordTransition(em, t, { action: 'SUBMIT', at: t.createdAt, fromStatus: null, actorId: ctx.actorId }, ctx.event);
}

export function appendTimeline(em: EntityManager, t: TicketEntity, action: TimelineAction, fromStatus: TicketStatus | null, ctx: TransitionContext): void {
  em.create(TimelineEntryEntity, {
    id: randomUUID(),
    ticketId: t.id,
    seq: t.version,
    at: t.updatedAt,
    action,
    fromStatus,
    toStatus: t.status,
    actorId: ctx.actorId,
    note: ctx.note,
  });
}

/**
 * A timeline entry that is no transition (a follow-up call): the ticket's
 * version and `updatedAt` still move, so the timeline stays ordered and the
 * incremental analytics pull sees the change.
 */
export function recordTimelineOnly(em: EntityManager, t: TicketEntity, action: TimelineAction, at: Date, ctx: TransitionContext): void {
  t.version += 1;
  t.updatedAt = at;
  appendTimeline(em, t, action, t.status, ctx);
}

/**
 * One transition, whole: the state machine decides (or throws
 * INVALID_TRANSITION), then the row, its timeline entry and its event change
 * in the caller's unit of work, so they commit together.
 */
export async function applyTransition(em: EntityManager, t: TicketEntity, cmd: TicketCommand, ctx: TransitionContext): Promise<TicketEntity> {
  const from = t.status;
  const counted = countedOf(t);
  const next = decide(stateOf(t), cmd);
  Object.assign(t, stateColumns(next));
  t.version += 1;
  t.updatedAt = cmd.at;
  if (cmd.action === 'ACCEPT' && t.assigneeId) await rememberHandler(em, t.id, t.assigneeId, cmd.at);
  appendTimeline(em, t, cmd.action, from, ctx);
  recordTransition(em, t, { action: cmd.action, at: cmd.at, fromStatus: from, actorId: ctx.actorId }, ctx.event);
  // Last: the counter rows are the transaction's hot rows (recordCounts).
  await recordCounts(em, counted, t);
  return t;
}

/** The organisation that accepted keeps seeing the ticket after it moves on (contract "HANDLER_STAFF"). */
async function rememberHandler(em: EntityManager, ticketId: string, organisationId: string, at: Date): Promise<void> {
  if (await em.findOne(TicketHandlerEntity, { ticketId, organisationId })) return;
  em.create(TicketHandlerEntity, { ticketId, organisationId, firstAcceptedAt: at });
}
