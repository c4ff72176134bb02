import { badInput, invalidTransition } from '@linli/platform';
import { dispatchDueTimes, reopenResolutionDue, AUTO_CLOSE_AFTER_MS } from './ticket.due';

// The ticket state machine of the contract ("Tickets"), as pure functions:
// given the state and a command, the next state or INVALID_TRANSITION (with
// `extensions.status` and `extensions.action`). Who may issue a command is
// decided before, in ticket.access.ts.

export const TicketStatuses = ['SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'RESOLVED', 'CLOSED', 'CANCELLED'] as const;
export type TicketStatus = (typeof TicketStatuses)[number];

export const TicketActions = ['SUBMIT', 'DISPATCH', 'ACCEPT', 'RETURN', 'RESOLVE', 'RATE', 'REOPEN', 'ESCALATE', 'CANCEL', 'AUTO_CLOSE', 'DELIBERATE', 'RECLASSIFY'] as const;
export type TicketAction = (typeof TicketActions)[number];

/** Timeline entries that record something besides a transition (the state machine never decides them). */
export const TimelineOnlyActions = ['FOLLOW_UP'] as const;
export const TimelineActions = [...TicketActions, ...TimelineOnlyActions] as const;
export type TimelineAction = (typeof TimelineActions)[number];

/** Ordered: COMPOUND < COMMUNITY < STREET < DISTRICT. */
export const EscalationLevels = ['COMPOUND', 'COMMUNITY', 'STREET', 'DISTRICT'] as const;
export type EscalationLevel = (typeof EscalationLevels)[number];

export const Priorities = ['NORMAL', 'URGENT'] as const;
export type Priority = (typeof Priorities)[number];

export const TicketCategories = [
  'PROPERTY_MANAGEMENT',
  'ADMINISTRATIVE_ENFORCEMENT',
  'DISPUTE',
  'ASSISTANCE',
  'PUBLIC_AFFAIRS',
  'CONVENIENCE_SERVICE',
] as const;
export type TicketCategory = (typeof TicketCategories)[number];

export const TicketChannels = ['APP', 'WECHAT', 'HOTLINE', 'DOOR_KNOCKING', 'REGISTRATION_BOOK', 'MEETING'] as const;
export type TicketChannel = (typeof TicketChannels)[number];

/** Statuses in which a ticket is still being worked on (deliberation outcomes resolve these). */
export const OPEN_STATUSES: readonly TicketStatus[] = ['SUBMITTED', 'DISPATCHED', 'ACCEPTED'];

/** Who gave a rating: the reporter as a resident, or a follow-up call (回访, a later release's helper). */
export const RatingVias = ['RESIDENT', 'FOLLOW_UP'] as const;
export type RatingVia = (typeof RatingVias)[number];

export interface Rating {
  score: number;
  comment: string | null;
  ratedAt: Date;
  via: RatingVia;
}

/** Everything a transition may read or change. */
export interface TicketState {
  status: TicketStatus;
  priority: Priority;
  escalationLevel: EscalationLevel;
  assigneeId: string | null;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** When the overdue of the due time in force was announced (null: not yet; reset whenever that due time is set anew). */
  responseOverdueAnnouncedAt: Date | null;
  resolutionOverdueAnnouncedAt: Date | null;
  lastDispatchedAt: Date | null;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  reopenCount: number;
  rating: Rating | null;
}

export type TicketCommand =
  | { action: 'DISPATCH'; at: Date; assigneeId: string }
  | { action: 'ACCEPT' | 'RETURN' | 'RESOLVE' | 'REOPEN' | 'ESCALATE' | 'CANCEL' | 'AUTO_CLOSE' | 'DELIBERATE'; at: Date }
  | { action: 'RATE'; at: Date; score: number; comment: string | null; via: RatingVia };

/** The state of a new ticket: SUBMITTED at its starting level, nothing else yet. */
export function submitted(priority: Priority, escalationLevel: EscalationLevel): TicketState {
  return {
    status: 'SUBMITTED',
    priority,
    escalationLevel,
    assigneeId: null,
    responseDueAt: null,
    resolutionDueAt: null,
    responseOverdueAnnouncedAt: null,
    resolutionOverdueAnnouncedAt: null,
    lastDispatchedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    resolvedById: null,
    closedAt: null,
    cancelledAt: null,
    reopenCount: 0,
    rating: null,
  };
}

/** A ticket starts at COMPOUND level when its grid lies in a compound, else at COMMUNITY (contract). */
export function startingLevel(gridCompoundId: string | null): EscalationLevel {
  return gridCompoundId ? 'COMPOUND' : 'COMMUNITY';
}

/** The next level up; null past DISTRICT. */
export function levelAbove(level: EscalationLevel): EscalationLevel | null {
  return EscalationLevels[EscalationLevels.indexOf(level) + 1] ?? null;
}

/** Contract: a rating is an integer 1–5. */
export function checkScore(score: number): number {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw badInput('score', 'score must be an integer from 1 to 5');
  return score;
}

/** Contract: a rating of 1 or 2 is a bad rating. */
export const isBadRating = (score: number) => score <= 2;

/** Which statuses each command leaves from; anything else is INVALID_TRANSITION. */
const FROM: Record<TicketCommand['action'], readonly TicketStatus[]> = {
  DISPATCH: ['SUBMITTED', 'DISPATCHED'],
  ACCEPT: ['DISPATCHED'],
  RETURN: ['DISPATCHED'],
  RESOLVE: ['ACCEPTED'],
  RATE: ['RESOLVED'],
  REOPEN: ['RESOLVED'],
  ESCALATE: ['SUBMITTED', 'DISPATCHED', 'ACCEPTED'],
  CANCEL: ['SUBMITTED'],
  AUTO_CLOSE: ['RESOLVED'],
  DELIBERATE: OPEN_STATUSES,
};

/** Back to the community's desk: no assignee, and no due times in force until the next dispatch. */
const undispatched = (s: TicketState): TicketState => ({
  ...s,
  status: 'SUBMITTED',
  assigneeId: null,
  responseDueAt: null,
  resolutionDueAt: null,
  responseOverdueAnnouncedAt: null,
  resolutionOverdueAnnouncedAt: null,
});

/**
 * Applies a command to a state. Throws INVALID_TRANSITION when the contract's
 * diagram has no such arrow from the current status (and for escalating past
 * DISTRICT, a second rating, or auto-closing before 7 days).
 */
export function decide(state: TicketState, cmd: TicketCommand): TicketState {
  const fail = () => invalidTransition(state.status, cmd.action);
  if (!FROM[cmd.action].includes(state.status)) throw fail();
  const at = cmd.at;
  switch (cmd.action) {
    case 'DISPATCH': {
      // SUBMITTED → DISPATCHED, or DISPATCHED → DISPATCHED (reassigned): new due times from this dispatch.
      const due = dispatchDueTimes(state.priority, at);
      return {
        ...state,
        status: 'DISPATCHED',
        assigneeId: cmd.assigneeId,
        responseDueAt: due.responseDueAt,
        resolutionDueAt: due.resolutionDueAt,
        responseOverdueAnnouncedAt: null,
        resolutionOverdueAnnouncedAt: null,
        lastDispatchedAt: at,
      };
    }
    case 'ACCEPT':
      return { ...state, status: 'ACCEPTED', acceptedAt: at };
    case 'RETURN':
      return undispatched(state);
    case 'RESOLVE':
      // The last resolve and who resolved it: the assignee, who had accepted it.
      return { ...state, status: 'RESOLVED', resolvedAt: at, resolvedById: state.assigneeId };
    case 'DELIBERATE':
      // In the assignee's name only if it had accepted the ticket (contract
      // correction); otherwise the community resolved it and no firm is
      // charged for its rating.
      return { ...state, status: 'RESOLVED', resolvedAt: at, resolvedById: state.status === 'ACCEPTED' ? state.assigneeId : null };
    case 'RATE':
      if (state.rating) throw fail();
      return { ...state, status: 'CLOSED', closedAt: at, rating: { score: checkScore(cmd.score), comment: cmd.comment, ratedAt: at, via: cmd.via } };
    case 'REOPEN':
      // "Not fixed": back to the same assignee with a new resolution due time from the reopening.
      return {
        ...state,
        status: 'ACCEPTED',
        reopenCount: state.reopenCount + 1,
        resolutionDueAt: reopenResolutionDue(state.priority, at),
        resolutionOverdueAnnouncedAt: null,
      };
    case 'ESCALATE': {
      const up = levelAbove(state.escalationLevel);
      if (!up) throw fail();
      return { ...undispatched(state), escalationLevel: up };
    }
    case 'CANCEL':
      return { ...state, status: 'CANCELLED', cancelledAt: at };
    case 'AUTO_CLOSE':
      if (!state.resolvedAt || at.getTime() - state.resolvedAt.getTime() < AUTO_CLOSE_AFTER_MS) throw fail();
      return { ...state, status: 'CLOSED', closedAt: at };
  }
}


/** Statuses in which a ticket may still be reclassified (contract "reclassifyTicket"). */
const RECLASSIFIABLE: readonly TicketStatus[] = ['SUBMITTED', 'DISPATCHED'];

/** RECLASSIFY: only while SUBMITTED or DISPATCHED (else INVALID_TRANSITION), and to another category. */
export function checkReclassify(status: TicketStatus, from: TicketCategory, to: TicketCategory): void {
  if (!RECLASSIFIABLE.includes(status)) throw invalidTransition(status, 'RECLASSIFY');
  if (from === to) throw badInput('category', 'The ticket already has this category');
}
