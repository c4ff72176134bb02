import { badInput, type Period } from '@linli/platform';
import { isActiveAt, type GridRole } from '../staff/staff.rules';

/** Contract "Grids and visits": these roles must visit 4 times a month. */
export const REQUIRED_VISITS: Partial<Record<GridRole, number>> = { COMPOUND_HEAD: 4, GRID_LEADER: 4, GRID_MEMBER: 4 };

/** How far back a visit may be entered: the previous month stays open for the first days of the next. */
export const BACKDATE_LIMIT_MS = 31 * 24 * 3600 * 1000;
/** Clock skew tolerated between a worker's phone and the server. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** A visit is recorded after it happened: not in the future, and at most 31 days back. */
export function checkVisitTime(at: Date, now: Date): Date {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('at', 'at may not be in the future');
  if (at.getTime() < now.getTime() - BACKDATE_LIMIT_MS) throw badInput('at', 'at may be at most 31 days ago');
  return at;
}

export function checkHouseholdsVisited(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw badInput('householdsVisited', 'householdsVisited must be a whole number from 1 to 10,000');
  return value;
}

export interface ComplianceAssignment {
  id: string;
  personId: string;
  gridId: string;
  role: GridRole;
  since: Date;
  until: Date | null;
}

export interface ComplianceVisit {
  visitorId: string;
  gridId: string;
  at: Date;
}

export interface ComplianceRow {
  assignment: ComplianceAssignment;
  required: number;
  visits: number;
  compliant: boolean;
}

/**
 * `visitCompliance(month)`: for every assignment whose role requires visits
 * and that is active at the end of the month (or now, while the month is
 * still running), the person's visits in the month (UTC+8) to the grid or to
 * grids below it (a grid leader's area covers its compound and building
 * grids), and whether they reach the requirement.
 */
export function compliance(
  period: Period,
  now: Date,
  assignments: readonly ComplianceAssignment[],
  visits: readonly ComplianceVisit[],
  ancestorsOf: (gridId: string) => readonly string[],
): ComplianceRow[] {
  const asOf = new Date(Math.min(period.end.getTime() - 1, now.getTime()));
  const inMonth = visits.filter((v) => v.at.getTime() >= period.start.getTime() && v.at.getTime() < period.end.getTime());
  return assignments
    .filter((a) => REQUIRED_VISITS[a.role] !== undefined && isActiveAt(a, asOf))
    .map((a) => {
      const required = REQUIRED_VISITS[a.role]!;
      const count = inMonth.filter((v) => v.visitorId === a.personId && (v.gridId === a.gridId || ancestorsOf(v.gridId).includes(a.gridId))).length;
      return { assignment: a, required, visits: count, compliant: count >= required };
    });
}
