import type { GraphQLError } from 'graphql';
import { checkScore, decide, isBadRating, levelAbove, startingLevel, submitted, TicketStatuses, type TicketCommand, type TicketState, type TicketStatus } from './ticket.rules';

const T0 = new Date('2026-11-22T02:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const DAY = 24;

/** A state in the given status, as the machine would have left it. */
function stateIn(status: TicketStatus, extra: Partial<TicketState> = {}): TicketState {
  const base = submitted('NORMAL', 'COMMUNITY');
  const dispatched = { ...base, status: 'DISPATCHED' as const, assigneeId: 'firm', responseDueAt: at(24), resolutionDueAt: at(72), lastDispatchedAt: at(0) };
  const byStatus: Record<TicketStatus, TicketState> = {
    SUBMITTED: base,
    DISPATCHED: dispatched,
    ACCEPTED: { ...dispatched, status: 'ACCEPTED', acceptedAt: at(1) },
    RESOLVED: { ...dispatched, status: 'RESOLVED', acceptedAt: at(1), resolvedAt: at(2), resolvedById: 'firm' },
    CLOSED: { ...dispatched, status: 'CLOSED', resolvedAt: at(2), resolvedById: 'firm', closedAt: at(3), rating: { score: 5, comment: null, ratedAt: at(3), via: 'RESIDENT' } },
    CANCELLED: { ...base, status: 'CANCELLED', cancelledAt: at(1) },
  };
  return { ...byStatus[status], ...extra };
}

const commands: Record<TicketCommand['action'], TicketCommand> = {
  DISPATCH: { action: 'DISPATCH', at: at(10), assigneeId: 'other-firm' },
  ACCEPT: { action: 'ACCEPT', at: at(10) },
  RETURN: { action: 'RETURN', at: at(10) },
  RESOLVE: { action: 'RESOLVE', at: at(10) },
  RATE: { action: 'RATE', at: at(10), score: 4, comment: 'ok', via: 'RESIDENT' },
  REOPEN: { action: 'REOPEN', at: at(10) },
  ESCALATE: { action: 'ESCALATE', at: at(10) },
  CANCEL: { action: 'CANCEL', at: at(10) },
  AUTO_CLOSE: { action: 'AUTO_CLOSE', at: at(2 + 7 * DAY) },
  DELIBERATE: { action: 'DELIBERATE', at: at(10) },
};

/** The contract's diagram: every arrow, and where it leads. */
const ALLOWED: Record<TicketCommand['action'], Partial<Record<TicketStatus, TicketStatus>>> = {
  DISPATCH: { SUBMITTED: 'DISPATCHED', DISPATCHED: 'DISPATCHED' },
  ACCEPT: { DISPATCHED: 'ACCEPTED' },
  RETURN: { DISPATCHED: 'SUBMITTED' },
  RESOLVE: { ACCEPTED: 'RESOLVED' },
  RATE: { RESOLVED: 'CLOSED' },
  REOPEN: { RESOLVED: 'ACCEPTED' },
  ESCALATE: { SUBMITTED: 'SUBMITTED', DISPATCHED: 'SUBMITTED', ACCEPTED: 'SUBMITTED' },
  CANCEL: { SUBMITTED: 'CANCELLED' },
  AUTO_CLOSE: { RESOLVED: 'CLOSED' },
  DELIBERATE: { SUBMITTED: 'RESOLVED', DISPATCHED: 'RESOLVED', ACCEPTED: 'RESOLVED' },
};

const failure = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as GraphQLError).extensions;
  }
};

describe('ticket state machine (contract "Tickets")', () => {
  const cases = Object.keys(commands).flatMap((action) => TicketStatuses.map((status) => [action as TicketCommand['action'], status] as const));

  it.each(cases)('%s from %s: the diagram\'s arrow, or INVALID_TRANSITION with status and action', (action, status) => {
    const to = ALLOWED[action][status];
    if (to) {
      expect(decide(stateIn(status), commands[action]).status).toBe(to);
    } else {
      expect(failure(() => decide(stateIn(status), commands[action]))).toEqual({ code: 'INVALID_TRANSITION', status, action });
    }
  });

  it('dispatch sets the assignee and due times from the dispatch (24 h / 72 h; URGENT 2 h / 24 h)', () => {
    const s = decide(stateIn('SUBMITTED'), { action: 'DISPATCH', at: at(0), assigneeId: 'firm' });
    expect(s).toMatchObject({ assigneeId: 'firm', responseDueAt: at(24), resolutionDueAt: at(72), lastDispatchedAt: at(0) });
    const urgent = decide(submitted('URGENT', 'COMPOUND'), { action: 'DISPATCH', at: at(0), assigneeId: 'firm' });
    expect(urgent).toMatchObject({ responseDueAt: at(2), resolutionDueAt: at(24) });
  });

  it('re-dispatch reassigns with new due times and clears the overdue announcements', () => {
    const announced = stateIn('DISPATCHED', { responseOverdueAnnouncedAt: at(25), resolutionOverdueAnnouncedAt: at(73) });
    const s = decide(announced, { action: 'DISPATCH', at: at(80), assigneeId: 'other-firm' });
    expect(s).toMatchObject({ status: 'DISPATCHED', assigneeId: 'other-firm', responseDueAt: at(104), resolutionDueAt: at(152) });
    expect(s.responseOverdueAnnouncedAt).toBeNull();
    expect(s.resolutionOverdueAnnouncedAt).toBeNull();
  });

  it('return clears the assignee and the due times', () => {
    expect(decide(stateIn('DISPATCHED'), commands.RETURN)).toMatchObject({ status: 'SUBMITTED', assigneeId: null, responseDueAt: null, resolutionDueAt: null });
  });

  it('accept records when; resolve records the last resolve and its resolver (the assignee)', () => {
    expect(decide(stateIn('DISPATCHED'), commands.ACCEPT).acceptedAt).toEqual(at(10));
    expect(decide(stateIn('ACCEPTED'), commands.RESOLVE)).toMatchObject({ resolvedAt: at(10), resolvedById: 'firm', assigneeId: 'firm' });
  });

  it('escalate goes one level up, back to SUBMITTED, assignee cleared; past DISTRICT is INVALID_TRANSITION', () => {
    expect(decide(stateIn('ACCEPTED', { escalationLevel: 'COMPOUND' }), commands.ESCALATE)).toMatchObject({
      status: 'SUBMITTED',
      escalationLevel: 'COMMUNITY',
      assigneeId: null,
    });
    expect(decide(stateIn('SUBMITTED', { escalationLevel: 'COMMUNITY' }), commands.ESCALATE).escalationLevel).toBe('STREET');
    expect(decide(stateIn('DISPATCHED', { escalationLevel: 'STREET' }), commands.ESCALATE).escalationLevel).toBe('DISTRICT');
    expect(failure(() => decide(stateIn('SUBMITTED', { escalationLevel: 'DISTRICT' }), commands.ESCALATE))).toEqual({
      code: 'INVALID_TRANSITION',
      status: 'SUBMITTED',
      action: 'ESCALATE',
    });
  });

  it('reopen keeps the assignee, counts, and sets a new resolution due time from the reopening', () => {
    const s = decide(stateIn('RESOLVED', { resolutionOverdueAnnouncedAt: at(73) }), { action: 'REOPEN', at: at(100) });
    expect(s).toMatchObject({ status: 'ACCEPTED', assigneeId: 'firm', reopenCount: 1, resolutionDueAt: at(172) });
    expect(s.resolutionOverdueAnnouncedAt).toBeNull();
    expect(decide(stateIn('RESOLVED', { priority: 'URGENT' }), { action: 'REOPEN', at: at(100) }).resolutionDueAt).toEqual(at(124));
  });

  it('a rating is 1–5, given once, and closes the ticket', () => {
    const s = decide(stateIn('RESOLVED'), commands.RATE);
    expect(s).toMatchObject({ status: 'CLOSED', closedAt: at(10), rating: { score: 4, comment: 'ok', ratedAt: at(10), via: 'RESIDENT' } });
    for (const score of [0, 6, 2.5]) {
      expect(failure(() => decide(stateIn('RESOLVED'), { action: 'RATE', at: at(10), score, comment: null, via: 'RESIDENT' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'score' });
    }
    expect(failure(() => decide(s, commands.RATE))).toEqual({ code: 'INVALID_TRANSITION', status: 'CLOSED', action: 'RATE' });
    expect(checkScore(1)).toBe(1);
    expect([1, 2, 3, 4, 5].map(isBadRating)).toEqual([true, true, false, false, false]);
  });

  it('auto-close applies only 7 days after the last resolve', () => {
    const resolved = stateIn('RESOLVED');
    expect(failure(() => decide(resolved, { action: 'AUTO_CLOSE', at: at(2 + 7 * DAY - 1) }))).toEqual({
      code: 'INVALID_TRANSITION',
      status: 'RESOLVED',
      action: 'AUTO_CLOSE',
    });
    expect(decide(resolved, commands.AUTO_CLOSE)).toMatchObject({ status: 'CLOSED', closedAt: at(2 + 7 * DAY), rating: null });
  });

  it('a deliberation resolves an open ticket, whoever holds it', () => {
    expect(decide(stateIn('SUBMITTED'), commands.DELIBERATE)).toMatchObject({ status: 'RESOLVED', resolvedAt: at(10), resolvedById: null });
    expect(decide(stateIn('ACCEPTED'), commands.DELIBERATE)).toMatchObject({ status: 'RESOLVED', resolvedById: 'firm' });
    // Contract correction: dispatched but never accepted, the firm is not named (nor charged for the rating).
    expect(decide(stateIn('DISPATCHED'), commands.DELIBERATE)).toMatchObject({ status: 'RESOLVED', resolvedById: null });
  });

  it('cancel records when', () => {
    expect(decide(stateIn('SUBMITTED'), commands.CANCEL)).toMatchObject({ status: 'CANCELLED', cancelledAt: at(10) });
  });

  it('a ticket starts at COMPOUND in a compound\'s grid, else at COMMUNITY; levels climb to DISTRICT', () => {
    expect(startingLevel('compound-1')).toBe('COMPOUND');
    expect(startingLevel(null)).toBe('COMMUNITY');
    expect(['COMPOUND', 'COMMUNITY', 'STREET', 'DISTRICT'].map((l) => levelAbove(l as never))).toEqual(['COMMUNITY', 'STREET', 'DISTRICT', null]);
    expect(submitted('NORMAL', 'COMPOUND')).toMatchObject({ status: 'SUBMITTED', reopenCount: 0, assigneeId: null, rating: null });
  });

  it('never mutates the state it is given', () => {
    const s = stateIn('DISPATCHED');
    const copy = structuredClone(s);
    decide(s, commands.ACCEPT);
    expect(s).toEqual(copy);
  });
});
