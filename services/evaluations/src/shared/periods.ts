import { monthOf, monthsIn, parsePeriod, type Period } from '@linli/platform';

/** An assessment period: a month only (contract "Periods are `YYYY-MM` (assessments)"). */
export const parseMonth = (text: string, field = 'period'): Period => parsePeriod(text, ['MONTH'], field);

/** A rate period: month, quarter or year, all in UTC+8. */
export const parseRatePeriod = (text: string, field = 'period'): Period => parsePeriod(text, ['MONTH', 'QUARTER', 'YEAR'], field);

export { monthOf, monthsIn };
