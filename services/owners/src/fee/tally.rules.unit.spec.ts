import { compoundDelta, paidEveryBilledMonth, periodsOf } from './tally.rules';

describe('fee tallies', () => {
  it('counts a month in itself, its quarter and its year', () => {
    expect(periodsOf('2026-01')).toEqual(['2026-01', '2026-Q1', '2026']);
    expect(periodsOf('2026-03')).toEqual(['2026-03', '2026-Q1', '2026']);
    expect(periodsOf('2026-04')).toEqual(['2026-04', '2026-Q2', '2026']);
    expect(periodsOf('2026-12')).toEqual(['2026-12', '2026-Q4', '2026']);
  });

  it('a household is paid for a period only if every billed month is paid', () => {
    expect(paidEveryBilledMonth({ billedMonths: 0, paidMonths: 0 })).toBe(false);
    expect(paidEveryBilledMonth({ billedMonths: 2, paidMonths: 1 })).toBe(false);
    expect(paidEveryBilledMonth({ billedMonths: 2, paidMonths: 2 })).toBe(true);
  });

  it('moves the compound counts by the household’s change of state', () => {
    // First bill, unpaid: billed, not paid.
    expect(compoundDelta({ billedMonths: 0, paidMonths: 0 }, { billedMonths: 1, paidMonths: 0 })).toEqual({ billedHouseholds: 1, paidHouseholds: 0 });
    // First bill of a month paid ahead: billed and paid at once.
    expect(compoundDelta({ billedMonths: 0, paidMonths: 0 }, { billedMonths: 1, paidMonths: 1 })).toEqual({ billedHouseholds: 1, paidHouseholds: 1 });
    // A paid household billed another month it has not paid: no longer paid for the period.
    expect(compoundDelta({ billedMonths: 1, paidMonths: 1 }, { billedMonths: 2, paidMonths: 1 })).toEqual({ billedHouseholds: 0, paidHouseholds: -1 });
    // Paying the last open month.
    expect(compoundDelta({ billedMonths: 3, paidMonths: 2 }, { billedMonths: 3, paidMonths: 3 })).toEqual({ billedHouseholds: 0, paidHouseholds: 1 });
    // Paying one of two open months changes nothing yet.
    expect(compoundDelta({ billedMonths: 3, paidMonths: 1 }, { billedMonths: 3, paidMonths: 2 })).toEqual({ billedHouseholds: 0, paidHouseholds: 0 });
  });
});
