import { GraphQLError } from 'graphql';

export type RectificationStatus = 'ISSUED' | 'RESPONDED' | 'VERIFIED' | 'OVERDUE';
export type RectificationReason = 'REPEATED_BAD_RATINGS' | 'POOR_GRADE';
export type RectificationAction = 'RESPOND' | 'VERIFY';

const DAY_MS = 24 * 3600 * 1000;
/** Contract: "due 15 days after issue". */
export const RECTIFICATION_DUE_DAYS = 15;
/** Contract: "F's bad ratings in the trailing 30 days reach 3". */
export const REPEATED_BAD_RATINGS_THRESHOLD = 3;
export const REPEATED_BAD_RATINGS_WINDOW_DAYS = 30;

/**
 * Rectifications and their consequences (a replacement recommendation, the
 * firm's compounds under review) concern property firms, the organisations
 * that can be replaced: other handling organisations are assessed but not
 * rectified (contract: "F's bad ratings", "`replacementRecommended` on F and
 * `firmUnderReview` on every compound F manages").
 */
export const isRectifiable = (kind: string | undefined) => kind === 'PROPERTY_FIRM';

/** Still being worked on: what "F has no open rectification of that reason" looks at, and what can become OVERDUE. */
export const OPEN_STATUSES: readonly RectificationStatus[] = ['ISSUED', 'RESPONDED'];
export const isOpen = (status: RectificationStatus) => OPEN_STATUSES.includes(status);

export const dueAtFor = (issuedAt: Date) => new Date(issuedAt.getTime() + RECTIFICATION_DUE_DAYS * DAY_MS);

/** Start (inclusive) of the trailing window ending at a bad rating. */
export const badRatingWindowStart = (at: Date) => new Date(at.getTime() - REPEATED_BAD_RATINGS_WINDOW_DAYS * DAY_MS);

/** REPEATED_BAD_RATINGS is issued when the trailing count reaches the threshold and none of that reason is open. */
export const shouldIssueForBadRatings = (badRatingsInWindow: number, openOfReason: number) =>
  badRatingsInWindow >= REPEATED_BAD_RATINGS_THRESHOLD && openOfReason === 0;

function invalid(status: RectificationStatus, action: RectificationAction): GraphQLError {
  return new GraphQLError(`Cannot ${action.toLowerCase()} a rectification that is ${status}`, {
    extensions: { code: 'INVALID_TRANSITION', status, action },
  });
}

/**
 * The status in force at `now`: one still open at its due time is OVERDUE
 * (contract: "answered or verified after its due time is OVERDUE all the
 * same"), even before the scheduler's pass has written it.
 */
export function statusAt(status: RectificationStatus, dueAt: Date, now: Date): RectificationStatus {
  return isOpen(status) && now.getTime() >= dueAt.getTime() ? 'OVERDUE' : status;
}

/**
 * The rectification state machine (contract): ISSUED --respond--> RESPONDED
 * --verify(passed)--> VERIFIED; verify(failed) returns it to ISSUED; the
 * scheduler turns an open one OVERDUE at its due time. Anything else is
 * INVALID_TRANSITION.
 */
export function nextStatus(status: RectificationStatus, action: RectificationAction, passed = false): RectificationStatus {
  if (action === 'RESPOND' && status === 'ISSUED') return 'RESPONDED';
  if (action === 'VERIFY' && status === 'RESPONDED') return passed ? 'VERIFIED' : 'ISSUED';
  throw invalid(status, action);
}
