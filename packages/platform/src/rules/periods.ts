import { badInput } from '../errors';

/** Contract: periods are in China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600 * 1000;

export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';
export interface Period {
  /** The canonical text: `2026-11`, `2026-Q4` or `2026`. */
  key: string;
  kind: PeriodKind;
  /** Inclusive start instant (UTC). */
  start: Date;
  /** Exclusive end instant (UTC). */
  end: Date;
}

const cstMidnight = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1) - CST_OFFSET_MS);

/** Parses `YYYY-MM`, and with `allow` also `YYYY-Qn` and `YYYY`; BAD_USER_INPUT otherwise. */
export function parsePeriod(text: string, allow: PeriodKind[] = ['MONTH'], field = 'period'): Period {
  let m: RegExpExecArray | null;
  if (allow.includes('MONTH') && (m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text))) {
    const y = Number(m[1]);
    const mo = Number(m[2]) - 1;
    return { key: text, kind: 'MONTH', start: cstMidnight(y, mo), end: cstMidnight(y, mo + 1) };
  }
  if (allow.includes('QUARTER') && (m = /^(\d{4})-Q([1-4])$/.exec(text))) {
    const y = Number(m[1]);
    const q = Number(m[2]) - 1;
    return { key: text, kind: 'QUARTER', start: cstMidnight(y, q * 3), end: cstMidnight(y, q * 3 + 3) };
  }
  if (allow.includes('YEAR') && (m = /^(\d{4})$/.exec(text))) {
    const y = Number(m[1]);
    return { key: text, kind: 'YEAR', start: cstMidnight(y, 0), end: cstMidnight(y + 1, 0) };
  }
  const forms = allow.map((k) => ({ MONTH: 'YYYY-MM', QUARTER: 'YYYY-Qn', YEAR: 'YYYY' })[k]).join(', ');
  throw badInput(field, `${field} must be one of: ${forms}`);
}

/** The month (`YYYY-MM`, UTC+8) an instant falls in. */
export function monthOf(instant: Date): string {
  const local = new Date(instant.getTime() + CST_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The calendar date (`YYYY-MM-DD`, UTC+8) an instant falls in. */
export function cstDateOf(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The month (`YYYY-MM`) `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months (`YYYY-MM`) a period covers: quarters and years are sums of
 * their months, so counters are kept per month only.
 */
export function monthsIn(period: Period): string[] {
  const months: string[] = [];
  for (let key = monthOf(period.start); parsePeriod(key).start.getTime() < period.end.getTime(); key = addMonths(key, 1)) months.push(key);
  return months;
}
