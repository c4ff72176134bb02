import { hasPropertyService, type ManagementMode } from '../compound/compound.rules';

/** What coverage needs of a compound: its community and its links (kinds were checked when linked). */
export interface CoveredCompound {
  communityId: string;
  managementMode: ManagementMode;
  partyOrganisationId: string | null;
  ownersCommitteeId: string | null;
}

export interface CoverageCounts {
  compounds: number;
  withPartyOrganisation: number;
  withOwnersCommittee: number;
  withPropertyService: number;
  fullyCovered: number;
  rate: number;
}

/**
 * 三覆盖 (contract "Grids and visits"): compounds with a party organisation,
 * with an owners' committee, with property service (a management mode other
 * than NONE), and with all three; `rate` = fullyCovered / compounds, 1 when
 * there are none.
 */
export function coverageOf(compounds: readonly CoveredCompound[]): CoverageCounts {
  let withPartyOrganisation = 0;
  let withOwnersCommittee = 0;
  let withPropertyService = 0;
  let fullyCovered = 0;
  for (const c of compounds) {
    const party = c.partyOrganisationId !== null;
    const owners = c.ownersCommitteeId !== null;
    const service = hasPropertyService(c.managementMode);
    if (party) withPartyOrganisation++;
    if (owners) withOwnersCommittee++;
    if (service) withPropertyService++;
    if (party && owners && service) fullyCovered++;
  }
  const n = compounds.length;
  return { compounds: n, withPartyOrganisation, withOwnersCommittee, withPropertyService, fullyCovered, rate: n === 0 ? 1 : fullyCovered / n };
}

/**
 * Coverage of the scope and of each of its child streets or communities
 * (`breakdown`): a compound counts for the child its community is, or lies
 * under (`childOf`: community → child, the kit's `breakdownOf`).
 */
export function coverageWithBreakdown(
  childIds: readonly string[],
  childOf: ReadonlyMap<string, string>,
  compounds: readonly CoveredCompound[],
): { total: CoverageCounts; breakdown: CoverageCounts[] } {
  const byChild = new Map<string, CoveredCompound[]>(childIds.map((id) => [id, []]));
  for (const c of compounds) {
    const child = childOf.get(c.communityId);
    if (child) byChild.get(child)!.push(c);
  }
  return { total: coverageOf(compounds), breakdown: childIds.map((id) => coverageOf(byChild.get(id)!)) };
}
