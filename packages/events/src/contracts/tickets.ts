import { defineEvent } from './envelope';

// Contracts produced by the tickets service. Every transition event carries
// the ticket's full state after the transition (`ticket`) plus what happened
// (`transition`), so the evaluations service keeps its read models from
// events alone and never calls back. `ticket.version` grows by one per
// transition: a consumer ignores a snapshot older than the one it holds.

export type TicketStatus = 'SUBMITTED' | 'DISPATCHED' | 'ACCEPTED' | 'RESOLVED' | 'CLOSED' | 'CANCELLED';
export type TicketAction =
  | 'SUBMIT'
  | 'DISPATCH'
  | 'ACCEPT'
  | 'RETURN'
  | 'RESOLVE'
  | 'RATE'
  | 'REOPEN'
  | 'ESCALATE'
  | 'CANCEL'
  | 'AUTO_CLOSE'
  | 'DELIBERATE';
export type EscalationLevel = 'COMPOUND' | 'COMMUNITY' | 'STREET' | 'DISTRICT';

export interface TicketSnapshotV1 {
  ticketId: string;
  code: string;
  /** 1 at submission, +1 per transition. */
  version: number;
  status: TicketStatus;
  category: string;
  priority: 'NORMAL' | 'URGENT';
  channel: string;
  escalationLevel: EscalationLevel;
  gridId: string;
  compoundId: string | null;
  communityId: string;
  /** The community's ancestors, root first, excluding the community: scopes a ticket to streets and the district. */
  communityAncestorIds: string[];
  reporterId: string;
  /** The organisation the ticket is dispatched to now; null when not dispatched. */
  assigneeId: string | null;
  submittedAt: string;
  /** Due times in force (ISO), null until dispatched. */
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  lastDispatchedAt: string | null;
  acceptedAt: string | null;
  /** The last resolve and who resolved it (the assignee then). */
  resolvedAt: string | null;
  resolvedById: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  reopenCount: number;
  rating: {
    score: number;
    ratedAt: string;
    /** Who gave it: the reporter as a resident, or a follow-up call (回访). Optional: absent in first-release events. */
    via?: 'RESIDENT' | 'FOLLOW_UP';
    /** False when the rating must not count for anyone's assessment; absent means it counts (first-release events). */
    counts?: boolean;
  } | null;
  /** Whether the reporter may rate it (false when staff submitted it as themselves). Optional: absent in first-release events. */
  ratable?: boolean;
}

export interface TicketTransitionV1 {
  action: TicketAction;
  at: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  /** Person id of who acted; null for the scheduler. */
  actorId: string | null;
}

export interface TicketEventV1 {
  ticket: TicketSnapshotV1;
  transition: TicketTransitionV1;
}

export interface TicketOverdueV1 {
  ticket: TicketSnapshotV1;
  /** Which due time passed without its step happening. */
  due: 'RESPONSE' | 'RESOLUTION';
  dueAt: string;
}

const ticketEvent = (verb: string, description: string) => defineEvent<TicketEventV1>()(`tickets.ticket.${verb}`, 1, description);

export const TicketSubmitted = ticketEvent('submitted', 'A resident, grid worker or staff member submitted a ticket.');
export const TicketDispatched = ticketEvent('dispatched', 'A ticket was dispatched (or re-dispatched) to a handling organisation; due times set.');
export const TicketAccepted = ticketEvent('accepted', 'The assignee accepted a dispatched ticket.');
export const TicketReturned = ticketEvent('returned', 'The assignee returned a dispatched ticket; it is SUBMITTED again with no assignee.');
export const TicketResolved = ticketEvent('resolved', 'The assignee (or a deliberation outcome) resolved a ticket.');
export const TicketReopened = ticketEvent('reopened', 'The reporter reopened a resolved ticket ("not fixed"); same assignee, new resolution due time.');
export const TicketRated = ticketEvent('rated', 'The reporter rated a resolved ticket (1–5), which closed it.');
export const TicketEscalated = ticketEvent('escalated', 'A ticket moved one escalation level up and is SUBMITTED again.');
export const TicketCancelled = ticketEvent('cancelled', 'The reporter cancelled a submitted ticket.');
export const TicketReclassified = ticketEvent('reclassified', 'Community staff or a grid worker changed the category of a SUBMITTED or DISPATCHED ticket (RECLASSIFY).');
export const TicketClosed = ticketEvent('closed', 'A resolved ticket closed without a rating after 7 days (AUTO_CLOSE).');

export const TicketOverdue = defineEvent<TicketOverdueV1>()(
  'tickets.ticket.overdue',
  1,
  'A response or resolution due time passed without the step it guards (emitted once per due time).',
);

export interface TicketCommentedV1 {
  ticketId: string;
  code: string;
  commentId: string;
  /** Internal comments are for staff: never told to the reporter. */
  internal: boolean;
  authorId: string;
  reporterId: string;
  communityId: string;
  communityAncestorIds: string[];
  /** The organisation handling it now, if any. */
  assigneeId: string | null;
}

export const TicketCommented = defineEvent<TicketCommentedV1>()(
  'tickets.ticket.commented',
  1,
  'Someone who may see a ticket added a comment (public, or internal for staff). The body stays in the tickets service.',
);
