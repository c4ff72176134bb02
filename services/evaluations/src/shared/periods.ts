import { monthOf, parsePeriod, type Period } from '@linli/platform';

/** An assessment period: a month only (contract "Periods are `YYYY-MM` (assessments)"). */
export const parseMonth = (text: string, field = 'period'): Period => parsePeriod(text, ['MONTH'], field);

/** A rate period: month, quarter or year, all in UTC+8. */
export const parseRatePeriod = (text: string, field = 'period'): Period => parsePeriod(text, ['MONTH', 'QUARTER', 'YEAR'], field);

/**
 * The months (`YYYY-MM`) a period covers: quarters and years are sums of
 * their months, so rate counters are kept per month only.
 */
export function monthsIn(period: Period): string[] {
  const months: string[] = [];
  let [y, m] = monthOf(period.start).split('-').map(Number);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (parsePeriod(key).start.getTime() >= period.end.getTime()) break;
    months.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

export { monthOf };
