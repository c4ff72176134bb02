import { ratesOf, sumRateCounters, EMPTY_RATE_COUNTERS } from './rates.rules';

describe('service rates (contract "Service rates")', () => {
  it('are 1 where their denominator is 0', () => {
    expect(ratesOf(EMPTY_RATE_COUNTERS)).toEqual({ ticketCount: 0, responseRate: 1, resolutionRate: 1, satisfactionRate: 1 });
  });

  it('divide by dispatched, submitted and rated tickets respectively', () => {
    const c = sumRateCounters([
      { tickets: 3, dispatched: 2, acceptedOnTime: 1, resolved: 1, rated: 1, satisfied: 1 },
      { tickets: 2, dispatched: 2, acceptedOnTime: 2, resolved: 1, rated: 3, satisfied: 1 },
    ]);
    expect(c).toEqual({ tickets: 5, dispatched: 4, acceptedOnTime: 3, resolved: 2, rated: 4, satisfied: 2 });
    expect(ratesOf(c)).toEqual({ ticketCount: 5, responseRate: 0.75, resolutionRate: 0.4, satisfactionRate: 0.5 });
  });
});
