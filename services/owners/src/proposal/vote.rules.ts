export type VoteChoice = 'FOR' | 'AGAINST' | 'ABSTAIN';
export const VoteChoices: readonly VoteChoice[] = ['FOR', 'AGAINST', 'ABSTAIN'];

/** A household of the electorate, frozen when voting opened: area in hundredths of m². */
export interface Elector {
  householdId: string;
  areaHundredths: number;
}

export interface Ballot {
  householdId: string;
  choice: VoteChoice;
}

export interface Tally {
  electorateHouseholds: number;
  electorateArea: number;
  votedHouseholds: number;
  votedArea: number;
  forHouseholds: number;
  forArea: number;
  againstHouseholds: number;
  againstArea: number;
  abstainHouseholds: number;
  abstainArea: number;
}

/**
 * Counts the last ballot of each household of the electorate. A ballot of a
 * household outside the electorate (registered after voting opened) is not
 * counted; a later ballot of a household replaces its earlier one.
 */
export function tally(electorate: readonly Elector[], ballots: readonly Ballot[]): Tally {
  const area = new Map(electorate.map((e) => [e.householdId, e.areaHundredths]));
  const last = new Map<string, VoteChoice>();
  for (const b of ballots) if (area.has(b.householdId)) last.set(b.householdId, b.choice);
  const t: Tally = {
    electorateHouseholds: electorate.length,
    electorateArea: electorate.reduce((s, e) => s + e.areaHundredths, 0),
    votedHouseholds: 0,
    votedArea: 0,
    forHouseholds: 0,
    forArea: 0,
    againstHouseholds: 0,
    againstArea: 0,
    abstainHouseholds: 0,
    abstainArea: 0,
  };
  for (const [householdId, choice] of last) {
    const a = area.get(householdId)!;
    t.votedHouseholds += 1;
    t.votedArea += a;
    if (choice === 'FOR') {
      t.forHouseholds += 1;
      t.forArea += a;
    } else if (choice === 'AGAINST') {
      t.againstHouseholds += 1;
      t.againstArea += a;
    } else {
      t.abstainHouseholds += 1;
      t.abstainArea += a;
    }
  }
  return t;
}

/** Quorum: the households that voted hold ≥ 2/3 of the electorate's area and are ≥ 2/3 of its households (integers only). */
export const quorumMet = (t: Tally): boolean =>
  t.votedHouseholds > 0 && t.votedArea * 3 >= t.electorateArea * 2 && t.votedHouseholds * 3 >= t.electorateHouseholds * 2;

/**
 * ORDINARY: FOR > 1/2 of the voting area and households; SPECIAL: FOR ≥ 3/4
 * of both. Abstentions count as voting (they are in the denominators).
 */
export function passes(t: Tally, threshold: 'ORDINARY' | 'SPECIAL'): boolean {
  if (threshold === 'SPECIAL') return t.forArea * 4 >= t.votedArea * 3 && t.forHouseholds * 4 >= t.votedHouseholds * 3;
  return t.forArea * 2 > t.votedArea && t.forHouseholds * 2 > t.votedHouseholds;
}

export function outcomeOf(t: Tally, threshold: 'ORDINARY' | 'SPECIAL'): 'PASSED' | 'REJECTED' | 'NO_QUORUM' {
  if (!quorumMet(t)) return 'NO_QUORUM';
  return passes(t, threshold) ? 'PASSED' : 'REJECTED';
}

/** Who is in the electorate: registered households with an OWNER or CO_OWNER at the moment voting opens. */
export function electorateOf<H extends { householdId: string; areaHundredths: number; ownerCount: number }>(households: readonly H[]): Elector[] {
  return households.filter((h) => h.ownerCount > 0).map((h) => ({ householdId: h.householdId, areaHundredths: h.areaHundredths }));
}

/** A ballot is cast by an owner or co-owner of a household of the electorate, in person. */
export function mayVoteFor(household: { inElectorate: boolean; ownerPersonIds: readonly string[] }, personId: string): 'OK' | 'NOT_ELECTOR' | 'NOT_OWNER' {
  if (!household.ownerPersonIds.includes(personId)) return 'NOT_OWNER';
  if (!household.inElectorate) return 'NOT_ELECTOR';
  return 'OK';
}
