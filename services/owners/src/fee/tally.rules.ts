// feeCollection's pre-aggregates (contract "Fees and the public fund"): every
// bill and payment adjusts the tallies of the month, quarter and year it
// falls in, so a request reads one row per compound whatever the households,
// months and payments behind it.

/** The period keys a month counts in, as `parsePeriod` names them: the month, its quarter, its year. */
export function periodsOf(month: string): [string, string, string] {
  const year = month.slice(0, 4);
  return [month, `${year}-Q${Math.floor((Number(month.slice(5, 7)) + 2) / 3)}`, year];
}

/** One household's billed months of a period, and how many of them are paid. */
export interface HouseholdTally {
  billedMonths: number;
  paidMonths: number;
}

/** `paidHouseholds` counts a household billed in the period that paid every billed month. */
export const paidEveryBilledMonth = (t: HouseholdTally): boolean => t.billedMonths > 0 && t.paidMonths === t.billedMonths;

/**
 * What one household's change of tally (`before` → `after`) does to its
 * compound's tally of the period: whether it starts counting as billed, and
 * whether it starts or stops counting as paid. `paidHouseholds` is not a sum
 * over months (a household paid in January and not in February is paid in
 * neither the quarter nor the year), which is why each household keeps its
 * own tally per period.
 */
export function compoundDelta(before: HouseholdTally, after: HouseholdTally): { billedHouseholds: number; paidHouseholds: number } {
  return {
    billedHouseholds: (after.billedMonths > 0 ? 1 : 0) - (before.billedMonths > 0 ? 1 : 0),
    paidHouseholds: (paidEveryBilledMonth(after) ? 1 : 0) - (paidEveryBilledMonth(before) ? 1 : 0),
  };
}
