import { hasRole, STAFF_ROLES } from '@linli/platform';
import { byIds, nodeInScope, orgNodes, type SubgraphContext } from '@linli/subgraph-kit';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { toHousehold, type Household } from './household.type';

export const loadHouseholds = (ctx: SubgraphContext, ids: readonly string[]) =>
  ctx.em.find(HouseholdEntity, { id: { $in: [...ids] } }).then((rows) => byIds(ids, rows.map(toHousehold)));

export const householdById = (ctx: SubgraphContext, id: string): Promise<Household | null> => ctx.loaders.load('household', id, (ids) => loadHouseholds(ctx, ids));

/**
 * `_entities` for Household: the register's scoping (its members, and staff,
 * grid workers, admins and analysts of its community's scope); null otherwise.
 */
export async function loadVisibleHouseholds(ctx: SubgraphContext, ids: readonly string[]): Promise<(Household | null)[]> {
  const rows = byIds(ids, await ctx.em.find(HouseholdEntity, { id: { $in: [...ids] } }));
  const mine = new Set(
    (await ctx.em.find(HouseholdMemberEntity, { personId: ctx.actor.personId, householdId: { $in: [...ids] }, until: null })).map((m) => m.householdId),
  );
  const nodes = hasRole(ctx.actor, ...STAFF_ROLES, 'ANALYST') ? await orgNodes(ctx.em, rows.flatMap((r) => (r ? [r.communityId] : []))) : new Map();
  return rows.map((r) => {
    if (!r) return null;
    const community = nodes.get(r.communityId);
    return mine.has(r.id) || (community && nodeInScope(ctx.actor, community)) ? toHousehold(r) : null;
  });
}
