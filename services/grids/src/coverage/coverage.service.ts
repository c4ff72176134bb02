import type { EntityManager } from '@mikro-orm/core';
import { badInput, isTerritorialKind, notFound } from '@linli/platform';
import { breakdownOf, breakdownScopes, communitiesIn, findRows, orgNodes, type OrgNode } from '@linli/subgraph-kit';
import { CompoundEntity } from '../compound/compound.entity';
import { coverageWithBreakdown, type CoverageCounts } from './coverage.rules';

export interface CoverageResult {
  scope: OrgNode;
  total: CoverageCounts;
  breakdown: { scope: OrgNode; counts: CoverageCounts }[];
}

/**
 * `coverage(scopeId)` (三覆盖): public to every authenticated caller
 * (contract). Three indexed queries: the scope's communities (by kind, then
 * path prefix), its child streets or communities (by parent), their compounds
 * (by community), read as plain rows of the four columns counted: a district
 * has ~1,000 compounds and this only counts them.
 */
export async function coverage(em: EntityManager, scopeId: string): Promise<CoverageResult> {
  const scope = (await orgNodes(em, [scopeId])).get(scopeId);
  if (!scope) throw notFound('Organisation');
  if (!isTerritorialKind(scope.kind)) throw badInput('scopeId', 'scopeId must be a DISTRICT, STREET or COMMUNITY');
  const communities = scope.kind === 'COMMUNITY' ? [scope] : await communitiesIn(em, scope);
  const children = await breakdownScopes(em, scope);
  const compounds = communities.length
    ? await findRows(em, CompoundEntity, { communityId: { $in: communities.map((c) => c.id) } }, { fields: ['communityId', 'managementMode', 'partyOrganisationId', 'ownersCommitteeId'] })
    : [];
  const { total, breakdown } = coverageWithBreakdown(
    children.map((c) => c.id),
    breakdownOf(children, communities),
    compounds,
  );
  return { scope, total, breakdown: children.map((c, i) => ({ scope: c, counts: breakdown[i] })) };
}
