import { hasRole, type Role } from '@linli/platform';
import { inScope, type TicketFacts, type Viewer } from '../ticket/ticket.access';
import type { TicketStatus } from '../ticket/ticket.rules';

// Contract "Ticket conversation" → follow-up (回访): community staff and grid
// workers of the ticket's scope call or visit the reporter of a RESOLVED or
// CLOSED ticket, never the person who submitted it or last dispatched it (no
// one checks their own work). A reached reporter's score becomes the rating
// of a RESOLVED, unrated ticket, with `via: FOLLOW_UP`, and counts for the
// assignee like a resident's own.

const FOLLOW_UP_ROLES: readonly Role[] = ['COMMUNITY_STAFF', 'GRID_WORKER'];
export const FOLLOW_UP_STATUSES: readonly TicketStatus[] = ['RESOLVED', 'CLOSED'];

export interface FollowUpParties {
  submittedById: string;
  /** Who dispatched it last (null when it never was). */
  lastDispatcherId: string | null;
}

export function mayFollowUp(v: Viewer, t: Pick<TicketFacts, 'scopePath'>, parties: FollowUpParties): boolean {
  if (!hasRole(v.actor, ...FOLLOW_UP_ROLES) || !inScope(v, t.scopePath)) return false;
  return v.actor.personId !== parties.submittedById && v.actor.personId !== parties.lastDispatcherId;
}

export type FollowUpOutcome = 'RECORDED' | 'RATES';

/**
 * What a follow-up does: it is always recorded; it rates and closes the
 * ticket when the reporter was reached and the ticket is RESOLVED, unrated
 * and ratable (a ticket staff reported themselves has no resident to ask).
 */
export function followUpOutcome(ticket: { status: TicketStatus; rated: boolean; ratable: boolean }, reached: boolean): FollowUpOutcome {
  return reached && ticket.status === 'RESOLVED' && !ticket.rated && ticket.ratable ? 'RATES' : 'RECORDED';
}

/** `score` is required (1–5) when the reporter was reached, and meaningless otherwise. */
export function followUpScoreProblem(reached: boolean, score: number | null | undefined): string | null {
  if (!reached) return score === null || score === undefined ? null : 'score is only given when the reporter was reached';
  if (score === null || score === undefined) return 'score is required when the reporter was reached';
  return Number.isInteger(score) && score >= 1 && score <= 5 ? null : 'score must be an integer from 1 to 5';
}
