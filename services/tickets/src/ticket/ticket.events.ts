import type { EntityManager } from '@mikro-orm/core';
import {
  recordEvent,
  TicketAccepted,
  TicketCancelled,
  TicketClosed,
  TicketDispatched,
  TicketEscalated,
  TicketOverdue,
  TicketRated,
  TicketReclassified,
  TicketReopened,
  TicketResolved,
  TicketReturned,
  TicketSubmitted,
  type EventDefinition,
  type TicketEventV1,
  type TicketSnapshotV1,
} from '@linli/events';
import { orgAncestors } from '@linli/subgraph-kit';
import type { TicketEntity } from './ticket.entity';
import type { TicketAction, TicketStatus } from './ticket.rules';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The ticket's full state after a transition: evaluations keeps its read models from this alone. */
export function snapshotOf(t: TicketEntity): TicketSnapshotV1 {
  const scope = orgAncestors(t.scopePath);
  return {
    ticketId: t.id,
    code: t.code,
    version: t.version,
    status: t.status,
    category: t.category,
    priority: t.priority,
    channel: t.channel,
    escalationLevel: t.escalationLevel,
    gridId: t.gridId,
    compoundId: t.compoundId,
    communityId: t.communityId,
    // The path ends with the community itself.
    communityAncestorIds: scope.slice(0, -1),
    reporterId: t.reporterId,
    assigneeId: t.assigneeId,
    submittedAt: t.createdAt.toISOString(),
    responseDueAt: iso(t.responseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    lastDispatchedAt: iso(t.lastDispatchedAt),
    acceptedAt: iso(t.acceptedAt),
    resolvedAt: iso(t.resolvedAt),
    resolvedById: t.resolvedById,
    closedAt: iso(t.closedAt),
    cancelledAt: iso(t.cancelledAt),
    reopenCount: t.reopenCount,
    rating:
      t.ratingScore !== null && t.ratedAt
        ? // Every rating the rules accept counts (residents' own and follow-ups); `counts` says so to evaluations explicitly.
          { score: t.ratingScore, ratedAt: t.ratedAt.toISOString(), via: t.ratingVia ?? 'RESIDENT', counts: true }
        : null,
    ratable: t.ratable,
  };
}

/** The event each action announces (a deliberation outcome resolves; the scheduler's close is its own fact). */
const EVENT_OF: Record<TicketAction, EventDefinition<string, TicketEventV1>> = {
  SUBMIT: TicketSubmitted,
  DISPATCH: TicketDispatched,
  ACCEPT: TicketAccepted,
  RETURN: TicketReturned,
  RESOLVE: TicketResolved,
  DELIBERATE: TicketResolved,
  RATE: TicketRated,
  REOPEN: TicketReopened,
  ESCALATE: TicketEscalated,
  CANCEL: TicketCancelled,
  AUTO_CLOSE: TicketClosed,
  RECLASSIFY: TicketReclassified,
};

export interface EventMeta {
  source: string;
  correlationId: string | null;
  occurredAt: Date;
}

export interface TransitionFacts {
  action: TicketAction;
  at: Date;
  fromStatus: TicketStatus | null;
  actorId: string | null;
}

/**
 * The event a transition announces and its payload, from the ticket after
 * the transition: one place for what the write path records and what the
 * bulk seed (infra/bench) hands to the consumers.
 */
export function transitionEvent(t: TicketEntity, transition: TransitionFacts): { def: EventDefinition<string, TicketEventV1>; payload: TicketEventV1 } {
  return {
    def: EVENT_OF[transition.action],
    payload: {
      ticket: snapshotOf(t),
      transition: {
        action: transition.action,
        at: transition.at.toISOString(),
        fromStatus: transition.fromStatus,
        toStatus: t.status,
        actorId: transition.actorId,
      },
      // The catalogue's action union lacks RECLASSIFY (a later action); the write path always sent it.
    } as TicketEventV1,
  };
}

/** Records the transition's event in the caller's unit of work: it commits with the change or not at all. */
export function recordTransition(em: EntityManager, t: TicketEntity, transition: TransitionFacts, meta: EventMeta): void {
  const { def, payload } = transitionEvent(t, transition);
  recordEvent(em, def, payload, meta);
}

export function recordOverdue(em: EntityManager, t: TicketEntity, due: 'RESPONSE' | 'RESOLUTION', dueAt: Date, meta: EventMeta): void {
  recordEvent(em, TicketOverdue, { ticket: snapshotOf(t), due, dueAt: dueAt.toISOString() }, meta);
}
