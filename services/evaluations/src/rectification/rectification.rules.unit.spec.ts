import { GraphQLError } from 'graphql';
import { badRatingWindowStart, dueAtFor, isOpen, isRectifiable, nextStatus, shouldIssueForBadRatings, type RectificationStatus } from './rectification.rules';

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
});
