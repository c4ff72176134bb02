import { autoCloseAt, dispatchDueTimes, isOverdue, overdueToAnnounce, reopenResolutionDue, resolutionOverdue, responseOverdue } from './ticket.due';
import type { TicketStatus } from './ticket.rules';

const T0 = new Date('2026-11-22T02:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const facts = (status: TicketStatus, announced: { response?: Date; resolution?: Date } = {}) => ({
  status,
  responseDueAt: at(24),
  resolutionDueAt: at(72),
  responseOverdueAnnouncedAt: announced.response ?? null,
  resolutionOverdueAnnouncedAt: announced.resolution ?? null,
});

describe('due times (contract "Tickets")', () => {
  it('dispatch: 24 h to respond and 72 h to resolve; URGENT 2 h and 24 h', () => {
    expect(dispatchDueTimes('NORMAL', T0)).toEqual({ responseDueAt: at(24), resolutionDueAt: at(72) });
    expect(dispatchDueTimes('URGENT', T0)).toEqual({ responseDueAt: at(2), resolutionDueAt: at(24) });
  });

  it('reopen: 72 h (URGENT 24 h) from the reopening', () => {
    expect(reopenResolutionDue('NORMAL', T0)).toEqual(at(72));
    expect(reopenResolutionDue('URGENT', T0)).toEqual(at(24));
  });

  it('auto-close 7 days after the last resolve', () => {
    expect(autoCloseAt(T0)).toEqual(at(7 * 24));
  });
});

describe('overdue: a due time has passed and the step it guards has not happened', () => {
  it('is not overdue before or exactly at the due time', () => {
    expect(isOverdue(facts('DISPATCHED'), at(23))).toBe(false);
    expect(isOverdue(facts('DISPATCHED'), at(24))).toBe(false);
  });

  it('the response due time guards acceptance', () => {
    expect(responseOverdue(facts('DISPATCHED'), at(25))).toBe(true);
    expect(responseOverdue(facts('ACCEPTED'), at(25))).toBe(false);
    expect(isOverdue(facts('ACCEPTED'), at(25))).toBe(false);
  });

  it('the resolution due time guards the resolve', () => {
    expect(resolutionOverdue(facts('ACCEPTED'), at(73))).toBe(true);
    expect(resolutionOverdue(facts('DISPATCHED'), at(73))).toBe(true);
    expect(isOverdue(facts('ACCEPTED'), at(73))).toBe(true);
  });

  it.each(['SUBMITTED', 'RESOLVED', 'CLOSED', 'CANCELLED'] as const)('a %s ticket is never overdue', (status) => {
    expect(isOverdue(facts(status), at(1000))).toBe(false);
  });

  it('no due time in force, nothing overdue', () => {
    expect(isOverdue({ status: 'DISPATCHED', responseDueAt: null, resolutionDueAt: null }, at(1000))).toBe(false);
  });

  it('announces each due time once', () => {
    expect(overdueToAnnounce(facts('DISPATCHED'), at(25))).toEqual(['RESPONSE']);
    expect(overdueToAnnounce(facts('DISPATCHED'), at(73))).toEqual(['RESPONSE', 'RESOLUTION']);
    expect(overdueToAnnounce(facts('DISPATCHED', { response: at(25) }), at(73))).toEqual(['RESOLUTION']);
    expect(overdueToAnnounce(facts('ACCEPTED', { resolution: at(73) }), at(90))).toEqual([]);
    expect(overdueToAnnounce(facts('RESOLVED'), at(90))).toEqual([]);
  });
});
