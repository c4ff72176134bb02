import { rate } from '../assessment/assessment.rules';
import type { RateCounters } from '../ticket/ticket-facts.rules';

export const EMPTY_RATE_COUNTERS: Readonly<RateCounters> = Object.freeze({ tickets: 0, dispatched: 0, acceptedOnTime: 0, resolved: 0, rated: 0, satisfied: 0 });

export function sumRateCounters(rows: readonly RateCounters[]): RateCounters {
  const total = { ...EMPTY_RATE_COUNTERS };
  for (const r of rows) for (const k of Object.keys(total) as (keyof RateCounters)[]) total[k] += r[k];
  return total;
}

export interface Rates {
  ticketCount: number;
  responseRate: number;
  resolutionRate: number;
  satisfactionRate: number;
}

/**
 * Contract "Service rates": `responseRate` = dispatched tickets accepted by
 * their response due time / dispatched tickets; `resolutionRate` = tickets
 * resolved or closed / ticketCount; `satisfactionRate` = ratings of 4–5 /
 * rated tickets; each 1 when its denominator is 0.
 */
export function ratesOf(c: RateCounters): Rates {
  return {
    ticketCount: c.tickets,
    responseRate: rate(c.acceptedOnTime, c.dispatched),
    resolutionRate: rate(c.resolved, c.tickets),
    satisfactionRate: rate(c.satisfied, c.rated),
  };
}
