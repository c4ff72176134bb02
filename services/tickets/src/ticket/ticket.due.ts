import type { Priority, TicketStatus } from './ticket.rules';

// Due times and overdue (contract "Tickets"): dispatch sets the response due
// time (24 h, URGENT 2 h) and the resolution due time (72 h, URGENT 24 h);
// a reopening sets a new resolution due time from the reopening.

const HOUR = 3_600_000;
const RESPONSE_HOURS: Record<Priority, number> = { NORMAL: 24, URGENT: 2 };
const RESOLUTION_HOURS: Record<Priority, number> = { NORMAL: 72, URGENT: 24 };

/** A resolved ticket without a rating closes this long after its last resolve. */
export const AUTO_CLOSE_AFTER_MS = 7 * 24 * HOUR;

export function dispatchDueTimes(priority: Priority, dispatchedAt: Date): { responseDueAt: Date; resolutionDueAt: Date } {
  return {
    responseDueAt: new Date(dispatchedAt.getTime() + RESPONSE_HOURS[priority] * HOUR),
    resolutionDueAt: new Date(dispatchedAt.getTime() + RESOLUTION_HOURS[priority] * HOUR),
  };
}

export function reopenResolutionDue(priority: Priority, reopenedAt: Date): Date {
  return new Date(reopenedAt.getTime() + RESOLUTION_HOURS[priority] * HOUR);
}

export interface DueFacts {
  status: TicketStatus;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** The response due time guards acceptance: it is missed while the ticket is still DISPATCHED after it. */
export const responseOverdue = (t: DueFacts, now: Date) => t.status === 'DISPATCHED' && !!t.responseDueAt && t.responseDueAt < now;

/** The resolution due time guards the resolve: missed while DISPATCHED or ACCEPTED after it. */
export const resolutionOverdue = (t: DueFacts, now: Date) =>
  (t.status === 'DISPATCHED' || t.status === 'ACCEPTED') && !!t.resolutionDueAt && t.resolutionDueAt < now;

/** Contract: `overdue` is true while a due time has passed (strictly before now) and the step it guards has not happened. */
export const isOverdue = (t: DueFacts, now: Date) => responseOverdue(t, now) || resolutionOverdue(t, now);

export interface AnnouncementFacts extends DueFacts {
  responseOverdueAnnouncedAt: Date | null;
  resolutionOverdueAnnouncedAt: Date | null;
}

/**
 * The due times whose passing is still to be announced (TicketOverdue once
 * per due time: setting a due time anew clears its announcement mark).
 */
export function overdueToAnnounce(t: AnnouncementFacts, now: Date): ('RESPONSE' | 'RESOLUTION')[] {
  const due: ('RESPONSE' | 'RESOLUTION')[] = [];
  if (responseOverdue(t, now) && !t.responseOverdueAnnouncedAt) due.push('RESPONSE');
  if (resolutionOverdue(t, now) && !t.resolutionOverdueAnnouncedAt) due.push('RESOLUTION');
  return due;
}

/** A resolved ticket without a rating closes once this instant has passed. */
export const autoCloseAt = (resolvedAt: Date) => new Date(resolvedAt.getTime() + AUTO_CLOSE_AFTER_MS);
