import { GraphQLError } from 'graphql';
import { badRatingWindowStart, dueAtFor, isOpen, isRectifiable, nextStatus, shouldIssueForBadRatings, statusAt, type RectificationStatus } from './rectification.rules';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as GraphQLError).extensions;
  }
  return null;
};

describe('rectification rules', () => {
  it('is due 15 days after issue', () => {
    expect(dueAtFor(new Date('2026-11-01T02:00:00Z')).toISOString()).toBe('2026-11-16T02:00:00.000Z');
  });

  it('looks back 30 days from a bad rating', () => {
    expect(badRatingWindowStart(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe('2026-10-31T00:00:00.000Z');
  });

  it('issues REPEATED_BAD_RATINGS at the third bad rating, unless one of that reason is open', () => {
    expect(shouldIssueForBadRatings(2, 0)).toBe(false);
    expect(shouldIssueForBadRatings(3, 0)).toBe(true);
    expect(shouldIssueForBadRatings(5, 0)).toBe(true);
    expect(shouldIssueForBadRatings(3, 1)).toBe(false);
  });

  it('ISSUED --respond--> RESPONDED --verify(passed)--> VERIFIED; verify(failed) back to ISSUED', () => {
    expect(nextStatus('ISSUED', 'RESPOND')).toBe('RESPONDED');
    expect(nextStatus('RESPONDED', 'VERIFY', true)).toBe('VERIFIED');
    expect(nextStatus('RESPONDED', 'VERIFY', false)).toBe('ISSUED');
  });

  it.each([
    ['RESPONDED', 'RESPOND'],
    ['VERIFIED', 'RESPOND'],
    ['OVERDUE', 'RESPOND'],
    ['ISSUED', 'VERIFY'],
    ['VERIFIED', 'VERIFY'],
    ['OVERDUE', 'VERIFY'],
  ] as const)('refuses %s --%s--> as INVALID_TRANSITION with status and action', (status, action) => {
    expect(failure(() => nextStatus(status, action, true))).toEqual({ code: 'INVALID_TRANSITION', status, action });
  });

  it('concern property firms only', () => {
    expect(['PROPERTY_FIRM', 'POLICE_STATION', 'COMMUNITY', undefined].map(isRectifiable)).toEqual([true, false, false, false]);
  });

  it('counts ISSUED and RESPONDED as open', () => {
    expect((['ISSUED', 'RESPONDED', 'VERIFIED', 'OVERDUE'] as RectificationStatus[]).filter(isOpen)).toEqual(['ISSUED', 'RESPONDED']);
  });

  it('a late respond or verify meets OVERDUE (INVALID_TRANSITION), scheduler or not', () => {
    const due = new Date('2026-11-30T00:00:00Z');
    const late = new Date('2026-11-30T00:00:01Z');
    expect(statusAt('ISSUED', due, late)).toBe('OVERDUE');
    expect(statusAt('RESPONDED', due, due)).toBe('OVERDUE');
    expect(statusAt('VERIFIED', due, late)).toBe('VERIFIED');
    expect(statusAt('ISSUED', due, new Date('2026-11-29T23:59:59Z'))).toBe('ISSUED');
    expect(failure(() => nextStatus(statusAt('ISSUED', due, late), 'RESPOND'))).toEqual({ code: 'INVALID_TRANSITION', status: 'OVERDUE', action: 'RESPOND' });
    expect(failure(() => nextStatus(statusAt('RESPONDED', due, late), 'VERIFY', true))).toEqual({ code: 'INVALID_TRANSITION', status: 'OVERDUE', action: 'VERIFY' });
  });
});
