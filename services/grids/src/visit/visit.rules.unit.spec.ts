import { parsePeriod } from '@linli/platform';
import { checkHouseholdsVisited, checkVisitTime, compliance, type ComplianceAssignment, type ComplianceVisit } from './visit.rules';

const rejected = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('recording a visit', () => {
  const now = new Date('2026-11-22T08:00:00Z');

  it('happened in the past 31 days (a few minutes of clock skew allowed)', () => {
    expect(checkVisitTime(new Date('2026-11-22T07:00:00Z'), now)).toEqual(new Date('2026-11-22T07:00:00Z'));
    expect(checkVisitTime(new Date('2026-11-22T08:04:00Z'), now)).toBeTruthy();
    expect(checkVisitTime(new Date('2026-10-23T08:00:00Z'), now)).toBeTruthy();
    expect(rejected(() => checkVisitTime(new Date('2026-11-22T09:00:00Z'), now))).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
    expect(rejected(() => checkVisitTime(new Date('2026-10-21T08:00:00Z'), now))).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
  });

  it('visits at least one household', () => {
    expect(checkHouseholdsVisited(12)).toBe(12);
    expect(rejected(() => checkHouseholdsVisited(0))).toEqual({ code: 'BAD_USER_INPUT', field: 'householdsVisited' });
    expect(rejected(() => checkHouseholdsVisited(2.5))).toEqual({ code: 'BAD_USER_INPUT', field: 'householdsVisited' });
    expect(rejected(() => checkHouseholdsVisited(10_001))).toEqual({ code: 'BAD_USER_INPUT', field: 'householdsVisited' });
  });
});

describe('visit compliance (4 a month for COMPOUND_HEAD, GRID_LEADER, GRID_MEMBER)', () => {
  const november = parsePeriod('2026-11');
  const now = new Date('2026-11-25T00:00:00Z');
  const since = new Date('2026-10-01T00:00:00Z');
  const assignment = (id: string, personId: string, gridId: string, role: ComplianceAssignment['role'], until: Date | null = null): ComplianceAssignment => ({
    id,
    personId,
    gridId,
    role,
    since,
    until,
  });
  const visit = (visitorId: string, gridId: string, at: string): ComplianceVisit => ({ visitorId, gridId, at: new Date(at) });
  // Area grid A > compound grid C > building grid B.
  const ancestors: Record<string, string[]> = { A: [], C: ['A'], B: ['A', 'C'], X: [] };
  const ancestorsOf = (id: string) => ancestors[id] ?? [];

  it('lists only roles that require visits, with their count and whether they met 4', () => {
    const rows = compliance(
      november,
      now,
      [assignment('1', 'p1', 'C', 'GRID_MEMBER'), assignment('2', 'p2', 'C', 'BUILDING_STEWARD'), assignment('3', 'p3', 'C', 'COMPOUND_HEAD')],
      ['01', '05', '09', '12'].map((d) => visit('p1', 'C', `2026-11-${d}T02:00:00Z`)).concat([visit('p3', 'C', '2026-11-02T02:00:00Z')]),
      ancestorsOf,
    );
    expect(rows.map((r) => [r.assignment.id, r.required, r.visits, r.compliant])).toEqual([
      ['1', 4, 4, true],
      ['3', 4, 1, false],
    ]);
  });

  it('counts months in UTC+8: 16:00 UTC on the last day of October is already November', () => {
    const rows = compliance(
      november,
      now,
      [assignment('1', 'p1', 'C', 'GRID_LEADER')],
      [visit('p1', 'C', '2026-10-31T16:00:00Z'), visit('p1', 'C', '2026-10-31T15:59:59Z'), visit('p1', 'C', '2026-11-30T15:59:59Z'), visit('p1', 'C', '2026-11-30T16:00:00Z')],
      ancestorsOf,
    );
    expect(rows[0].visits).toBe(2);
  });

  it('counts visits to the grid and the grids below it, by that person only', () => {
    const rows = compliance(
      november,
      now,
      [assignment('1', 'p1', 'A', 'GRID_LEADER'), assignment('2', 'p1', 'B', 'GRID_MEMBER')],
      [visit('p1', 'A', '2026-11-02T00:00:00Z'), visit('p1', 'B', '2026-11-03T00:00:00Z'), visit('p1', 'X', '2026-11-04T00:00:00Z'), visit('p2', 'A', '2026-11-05T00:00:00Z')],
      ancestorsOf,
    );
    expect(rows.map((r) => r.visits)).toEqual([2, 1]);
  });

  it('lists assignments active at the end of a past month, or now for the current one', () => {
    const ended = new Date('2026-11-10T00:00:00Z');
    const october = parsePeriod('2026-10');
    const assignments = [assignment('1', 'p1', 'C', 'GRID_MEMBER', ended), assignment('2', 'p2', 'C', 'GRID_MEMBER')];
    expect(compliance(november, now, assignments, [], ancestorsOf).map((r) => r.assignment.id)).toEqual(['2']);
    expect(compliance(october, now, assignments, [], ancestorsOf).map((r) => r.assignment.id)).toEqual(['1', '2']);
    // Not yet assigned at the end of September.
    expect(compliance(parsePeriod('2026-09'), now, assignments, [], ancestorsOf)).toEqual([]);
  });
});
