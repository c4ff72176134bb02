import { coverageOf, coverageWithBreakdown, type CoveredCompound } from './coverage.rules';

const compound = (communityId: string, party: boolean, owners: boolean, mode: CoveredCompound['managementMode']): CoveredCompound => ({
  communityId,
  managementMode: mode,
  partyOrganisationId: party ? 'p' : null,
  ownersCommitteeId: owners ? 'o' : null,
});

describe('coverage (三覆盖)', () => {
  it('counts each of the three and all three together', () => {
    const c = coverageOf([
      compound('c1', true, true, 'COMMERCIAL'),
      compound('c1', true, true, 'NONE'),
      compound('c1', true, false, 'SELF_MANAGED'),
      compound('c1', false, true, 'COMMUNITY_MANAGED'),
    ]);
    expect(c).toEqual({ compounds: 4, withPartyOrganisation: 3, withOwnersCommittee: 3, withPropertyService: 3, fullyCovered: 1, rate: 0.25 });
  });

  it('rate is 1 when there are no compounds', () => {
    expect(coverageOf([])).toEqual({ compounds: 0, withPartyOrganisation: 0, withOwnersCommittee: 0, withPropertyService: 0, fullyCovered: 0, rate: 1 });
  });

  it('breaks down by child street or community, each compound counted once under the child above its community', () => {
    // District D > streets S1, S2 > communities c1, c2 (S1) and c3 (S2); which child each lies under is the kit's breakdownOf.
    const communities = new Map([
      ['c1', 'S1'],
      ['c2', 'S1'],
      ['c3', 'S2'],
    ]);
    const compounds = [compound('c1', true, true, 'COMMERCIAL'), compound('c2', false, false, 'NONE'), compound('c3', true, true, 'SELF_MANAGED')];
    const { total, breakdown } = coverageWithBreakdown(['S1', 'S2', 'S3'], communities, compounds);
    expect(total).toMatchObject({ compounds: 3, fullyCovered: 2 });
    expect(total.rate).toBeCloseTo(2 / 3);
    expect(breakdown.map((b) => [b.compounds, b.fullyCovered, b.rate])).toEqual([
      [2, 1, 0.5],
      [1, 1, 1],
      [0, 0, 1],
    ]);
    // A street's breakdown is by community.
    const street = coverageWithBreakdown(['c1', 'c2'], new Map([['c1', 'c1'], ['c2', 'c2']]), compounds.slice(0, 2));
    expect(street.breakdown.map((b) => b.compounds)).toEqual([1, 1]);
  });
});
