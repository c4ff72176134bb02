import type { EntityManager } from '@mikro-orm/core';
import { badInput, notFound } from '@linli/platform';
import { OrgNodeSchema, findRows, orgAncestors, orgNodes, type OrgNode } from '@linli/subgraph-kit';
import { CompoundEntity } from '../compound/compound.entity';
import { coverageWithBreakdown, type CoverageCounts } from './coverage.rules';

const SCOPE_KINDS = ['DISTRICT', 'STREET', 'COMMUNITY'];

export interface CoverageResult {
  scope: OrgNode;
  total: CoverageCounts;
  breakdown: { scope: OrgNode; counts: CoverageCounts }[];
}

/**
 * `coverage(scopeId)` (三覆盖): public to every authenticated caller
 * (contract). Three indexed queries: the scope's communities (by kind, then
 * path prefix), its child streets or communities (by parent), their compounds
 * (by community), read as plain rows: a district has ~1,000 compounds and
 * this only counts them.
 */
export async function coverage(em: EntityManager, scopeId: string): Promise<CoverageResult> {
  const scope = (await orgNodes(em, [scopeId])).get(scopeId);
  if (!scope) throw notFound('Organisation');
  if (!SCOPE_KINDS.includes(scope.kind)) throw badInput('scopeId', 'scopeId must be a DISTRICT, STREET or COMMUNITY');
  const inside = scope.kind === 'COMMUNITY';
  const communities = inside ? [scope] : await em.find(OrgNodeSchema, { kind: 'COMMUNITY', path: { $like: `${scope.path}${scope.id}/%` } });
  const children = inside
    ? []
    : await em.find(OrgNodeSchema, { parentId: scope.id, kind: { $in: ['STREET', 'COMMUNITY'] } }, { orderBy: { name: 'asc', id: 'asc' } });
  const compounds = communities.length ? await findRows(em, CompoundEntity, { communityId: { $in: communities.map((c) => c.id) } }) : [];
  const { total, breakdown } = coverageWithBreakdown(
    children.map((c) => c.id),
    communities.map((c) => ({ id: c.id, ancestorIds: orgAncestors(c.path) })),
    compounds,
  );
  return { scope, total, breakdown: children.map((c, i) => ({ scope: c, counts: breakdown[i] })) };
}
