import type { EntityManager } from '@mikro-orm/core';
import { forbidden, notFound, type Actor } from '@linli/platform';
import { communitiesIn, findRows, nodeInScope, orgNodes, type OrgNode } from '@linli/subgraph-kit';
import { CompoundEntity } from '../compound/compound.entity';

/** An organisation of this subgraph's projection; NOT_FOUND when the tree has no such organisation. */
export async function requireOrg(em: EntityManager, id: string, what = 'Organisation'): Promise<OrgNode> {
  const node = (await orgNodes(em, [id])).get(id);
  if (!node) throw notFound(what);
  return node;
}

/** A write is judged on the organisation it writes to (contract "Who may do what"). */
export function requireInScope(actor: Actor, node: OrgNode): void {
  if (!nodeInScope(actor, node)) throw forbidden();
}

/** Firms that manage compounds in the scope now (contract: finalise and rank "the firms that manage compounds in the scope"). */
export async function firmsManagingIn(em: EntityManager, scope: OrgNode): Promise<string[]> {
  const communities = await communitiesIn(em, scope);
  if (!communities.length) return [];
  // Plain rows: a district has ~1,000 compounds, of which only the firm is read.
  const compounds = await findRows(em, CompoundEntity, { communityId: { $in: communities.map((c) => c.id) }, propertyFirmId: { $ne: null } }, { fields: ['propertyFirmId'] });
  return [...new Set(compounds.map((c) => c.propertyFirmId!))].sort();
}
