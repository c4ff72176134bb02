import { createEnvelope, type EventEnvelope } from '@linli/events';
import { codeDay, decide, startingLevel, stateColumns, stateOf, submitted, ticketCode, transitionEvent, type TicketCommand, type TicketEntity } from '@linli/tickets';
import type { Random } from '../../random';
import { seededUuid, type PlannedStep, type TicketPlan } from './plan';

// A ticket's history made with the tickets service's own pure rules: the
// state machine (`decide`) moves the row, and the same snapshot/event shapes
// as the write path (`transitionEvent`) announce each step. What the write
// path stores in a transaction (row, timeline entry, handler, event), this
// returns for the bulk loader.

export type TicketRow = Omit<TicketEntity, never>;

export interface TimelineRow {
  id: string;
  ticketId: string;
  seq: number;
  at: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  note: string | null;
}

export interface HandlerRow {
  ticketId: string;
  organisationId: string;
  firstAcceptedAt: Date;
}

export interface Made {
  timeline: TimelineRow;
  event: EventEnvelope;
  handler?: HandlerRow;
}

const envelope = (rnd: Random, t: TicketRow, action: TicketCommand['action'] | 'SUBMIT', at: Date, fromStatus: TicketRow['status'] | null, actorId: string | null): EventEnvelope => {
  const { def, payload } = transitionEvent(t as TicketEntity, { action, at, fromStatus, actorId });
  // A request id per command, as the gateway gives one (the scheduler's close has none).
  return createEnvelope(def, payload, { id: seededUuid(rnd), source: 'tickets', correlationId: actorId ? seededUuid(rnd) : null, occurredAt: at, traceparent: null });
};

/** The submission: the row as `submitTicket` creates it, its first timeline entry and TicketSubmitted. */
export function submit(plan: TicketPlan, scopePath: string, sequence: number, rnd: Random): { row: TicketRow; made: Made } {
  const at = new Date(plan.submittedAt);
  const row: TicketRow = {
    ...stateColumns(submitted(plan.priority, startingLevel(plan.compoundId))),
    id: plan.id,
    code: ticketCode(codeDay(at), sequence),
    title: plan.title,
    description: plan.description,
    category: plan.category as TicketRow['category'],
    channel: plan.channel as TicketRow['channel'],
    gridId: plan.gridId,
    compoundId: plan.compoundId,
    communityId: plan.communityId,
    scopePath,
    reporterId: plan.reporterId,
    ratable: true,
    submittedById: plan.reporterId,
    serviceItemId: null,
    contactPhone: plan.contactPhone,
    lat: null,
    lng: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const timeline: TimelineRow = { id: seededUuid(rnd), ticketId: row.id, seq: 1, at, action: 'SUBMIT', fromStatus: null, toStatus: row.status, actorId: plan.reporterId, note: null };
  return { row, made: { timeline, event: envelope(rnd, row, 'SUBMIT', at, null, plan.reporterId) } };
}

const commandOf = (step: PlannedStep, at: Date): TicketCommand => {
  switch (step.action) {
    case 'DISPATCH':
      return { action: 'DISPATCH', at, assigneeId: step.assigneeId! };
    case 'RATE':
      return { action: 'RATE', at, score: step.score!, comment: step.note, via: 'RESIDENT' };
    default:
      return { action: step.action, at };
  }
};

/**
 * One step through the state machine: throws INVALID_TRANSITION exactly
 * where the service would (a plan the rules refuse is a seeder bug, not data).
 * `handled` is the set of organisations that accepted the ticket before.
 */
export function apply(row: TicketRow, step: PlannedStep, handled: Set<string>, rnd: Random): Made {
  const at = new Date(step.at);
  const from = row.status;
  Object.assign(row, stateColumns(decide(stateOf(row as TicketEntity), commandOf(step, at))));
  row.version += 1;
  row.updatedAt = at;
  let handler: HandlerRow | undefined;
  if (step.action === 'ACCEPT' && row.assigneeId && !handled.has(row.assigneeId)) {
    handled.add(row.assigneeId);
    handler = { ticketId: row.id, organisationId: row.assigneeId, firstAcceptedAt: at };
  }
  const timeline: TimelineRow = { id: seededUuid(rnd), ticketId: row.id, seq: row.version, at, action: step.action, fromStatus: from, toStatus: row.status, actorId: step.actorId, note: step.note };
  return { timeline, event: envelope(rnd, row, step.action, at, from, step.actorId), handler };
}
