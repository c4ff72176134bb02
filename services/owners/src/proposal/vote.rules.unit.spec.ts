import { electorateOf, mayVoteFor, outcomeOf, passes, quorumMet, tally, type Ballot, type Elector } from './vote.rules';

/** n households of equal area (100.00 m² each), ids h0…h(n-1). */
const equal = (n: number, area = 10_000): Elector[] => Array.from({ length: n }, (_, i) => ({ householdId: `h${i}`, areaHundredths: area }));
const ballots = (choices: string): Ballot[] =>
  [...choices].map((c, i) => ({ householdId: `h${i}`, choice: c === 'F' ? 'FOR' : c === 'A' ? 'AGAINST' : 'ABSTAIN' }));

describe('quorum', () => {
  it('needs 2/3 of households and of area, exactly 2/3 included', () => {
    expect(quorumMet(tally(equal(3), ballots('FF')))).toBe(true);
    expect(quorumMet(tally(equal(3), ballots('F')))).toBe(false);
    expect(quorumMet(tally(equal(6), ballots('FFF')))).toBe(false);
    expect(quorumMet(tally(equal(6), ballots('FFFF')))).toBe(true);
  });

  it('by area: two households of three but only half the area is no quorum', () => {
    const e: Elector[] = [
      { householdId: 'h0', areaHundredths: 5000 },
      { householdId: 'h1', areaHundredths: 5000 },
      { householdId: 'h2', areaHundredths: 10_000 },
    ];
    expect(outcomeOf(tally(e, ballots('FF')), 'ORDINARY')).toBe('NO_QUORUM');
    expect(outcomeOf(tally(e, [{ householdId: 'h2', choice: 'FOR' }, { householdId: 'h0', choice: 'FOR' }]), 'ORDINARY')).toBe('PASSED');
  });

  it('by households: one big household holding most of the area is no quorum alone', () => {
    const e: Elector[] = [
      { householdId: 'h0', areaHundredths: 90_000 },
      { householdId: 'h1', areaHundredths: 100 },
      { householdId: 'h2', areaHundredths: 100 },
    ];
    expect(quorumMet(tally(e, ballots('F')))).toBe(false);
  });

  it('an empty electorate never has quorum', () => {
    expect(outcomeOf(tally([], []), 'ORDINARY')).toBe('NO_QUORUM');
  });
});

describe('thresholds', () => {
  it('ORDINARY: a tie at exactly 1/2 does not pass', () => {
    expect(outcomeOf(tally(equal(4), ballots('FFAA')), 'ORDINARY')).toBe('REJECTED');
    expect(outcomeOf(tally(equal(4), ballots('FFFA')), 'ORDINARY')).toBe('PASSED');
  });

  it('ORDINARY needs more than half of the area too', () => {
    const e: Elector[] = [
      { householdId: 'h0', areaHundredths: 3000 },
      { householdId: 'h1', areaHundredths: 3000 },
      { householdId: 'h2', areaHundredths: 6000 },
    ];
    // 2 of 3 households FOR, but exactly half the voting area.
    expect(outcomeOf(tally(e, ballots('FFA')), 'ORDINARY')).toBe('REJECTED');
  });

  it('at exactly 2/3 FOR: ORDINARY passes, SPECIAL does not', () => {
    const t = tally(equal(3), ballots('FFA'));
    expect(passes(t, 'ORDINARY')).toBe(true);
    expect(passes(t, 'SPECIAL')).toBe(false);
  });

  it('SPECIAL passes at exactly 3/4 of area and households, not below', () => {
    expect(outcomeOf(tally(equal(4), ballots('FFFA')), 'SPECIAL')).toBe('PASSED');
    expect(outcomeOf(tally(equal(8), ballots('FFFFFAAA')), 'SPECIAL')).toBe('REJECTED');
    const e: Elector[] = [...equal(3), { householdId: 'h3', areaHundredths: 10_001 }];
    // 3/4 of households but a hair under 3/4 of the area.
    expect(outcomeOf(tally(e, ballots('FFFA')), 'SPECIAL')).toBe('REJECTED');
  });

  it('abstentions count as voting: they reach quorum but not a majority', () => {
    const t = tally(equal(3), ballots('FNN'));
    expect(t.abstainHouseholds).toBe(2);
    expect(quorumMet(t)).toBe(true);
    expect(outcomeOf(t, 'ORDINARY')).toBe('REJECTED');
  });
});

describe('ballots', () => {
  it('a changed vote replaces the earlier one', () => {
    const t = tally(equal(3), [...ballots('AAA'), { householdId: 'h0', choice: 'FOR' }, { householdId: 'h1', choice: 'FOR' }]);
    expect(t).toMatchObject({ votedHouseholds: 3, forHouseholds: 2, againstHouseholds: 1, forArea: 20_000 });
    expect(outcomeOf(t, 'ORDINARY')).toBe('PASSED');
  });

  it('the electorate is frozen: a household outside it does not count', () => {
    const t = tally(equal(2), [...ballots('FA'), { householdId: 'later', choice: 'FOR' }]);
    expect(t.votedHouseholds).toBe(2);
    expect(t.forHouseholds).toBe(1);
    expect(mayVoteFor({ inElectorate: false, ownerPersonIds: ['p'] }, 'p')).toBe('NOT_ELECTOR');
  });

  it('a household without owners is not in the electorate', () => {
    const e = electorateOf([
      { householdId: 'a', areaHundredths: 100, ownerCount: 1 },
      { householdId: 'tenants', areaHundredths: 100, ownerCount: 0 },
    ]);
    expect(e.map((x) => x.householdId)).toEqual(['a']);
  });

  it('only an owner or co-owner votes for a household', () => {
    expect(mayVoteFor({ inElectorate: true, ownerPersonIds: ['p', 'q'] }, 'q')).toBe('OK');
    expect(mayVoteFor({ inElectorate: true, ownerPersonIds: ['p'] }, 'tenant')).toBe('NOT_OWNER');
  });

  it('sums areas exactly', () => {
    const e: Elector[] = Array.from({ length: 3 }, (_, i) => ({ householdId: `h${i}`, areaHundredths: 10 }));
    expect(tally(e, ballots('FFF')).votedArea).toBe(30);
  });
});
