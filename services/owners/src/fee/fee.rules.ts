import { addMonths, badInput, parsePeriod } from '@linli/platform';
import { monthlyFeeCents } from '../register/area.rules';

export interface RateFrom {
  fromMonth: string;
  centsPerSqmMonth: number;
  publicFundShareBp: number;
}

/** The rate in force in a month: the latest whose `fromMonth` is not after it (rates sorted by fromMonth). */
export function rateFor(rates: readonly RateFrom[], month: string): RateFrom | null {
  let found: RateFrom | null = null;
  for (const r of rates) if (r.fromMonth <= month) found = r;
  return found;
}

/** `fromMonth` + `months` (1–24) consecutive months. */
export function paidMonths(fromMonth: string, months: number): string[] {
  parsePeriod(fromMonth, ['MONTH'], 'fromMonth');
  if (!Number.isInteger(months) || months < 1 || months > 24) throw badInput('months', 'months must be from 1 to 24');
  return Array.from({ length: months }, (_, i) => addMonths(fromMonth, i));
}

/** True when a household registered at `registeredAt` is billed `month`: registered by its first day (UTC+8). */
export const isBilledMonth = (registeredAt: Date, month: string) => registeredAt.getTime() <= parsePeriod(month).start.getTime();

/** The first month a household registered at `registeredAt` is billed for. */
export function firstBilledMonth(registeredAt: Date, monthOfRegistration: string): string {
  return isBilledMonth(registeredAt, monthOfRegistration) ? monthOfRegistration : addMonths(monthOfRegistration, 1);
}

/**
 * The fee of each month asked for, at the rate in force then (or as already
 * billed); BAD_USER_INPUT for a month not billed to the household.
 */
export function feesOf(
  months: readonly string[],
  household: { registeredAt: Date; areaHundredths: number },
  rates: readonly RateFrom[],
  billed: ReadonlyMap<string, number>,
): number[] {
  return months.map((m) => {
    const already = billed.get(m);
    if (already !== undefined) return already;
    const rate = rateFor(rates, m);
    if (!rate || !isBilledMonth(household.registeredAt, m)) throw badInput('fromMonth', `${m} is not billed to the household`);
    return monthlyFeeCents(household.areaHundredths, rate.centsPerSqmMonth);
  });
}

/** The public fund's share of a payment, rounded down to the cent (share in basis points). */
export const publicFundCentsOf = (amountCents: number, shareBp: number) => Math.floor((amountCents * shareBp) / 10_000);

/** `publicFundShare` 0 to 0.5 (default 0.10), kept exactly as basis points. */
export function checkShare(share: number | null | undefined): number {
  if (share === null || share === undefined) return 1000;
  if (!Number.isFinite(share) || share < 0 || share > 0.5) throw badInput('publicFundShare', 'publicFundShare must be from 0 to 0.5');
  return Math.round(share * 10_000);
}

export function checkRate(cents: number): number {
  if (!Number.isInteger(cents) || cents < 1 || cents > 10_000) throw badInput('centsPerSqmMonth', 'centsPerSqmMonth must be a whole number from 1 to 10000');
  return cents;
}
