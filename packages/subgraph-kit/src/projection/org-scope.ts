import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { BREAKDOWN_KINDS } from '@linli/platform';
import { findRows } from '../db/rows';
import { OrgNodeSchema, type OrgNode } from './org-node.entity';

/**
 * A territorial scope's reads over a subgraph's copy of the organisation
 * tree, one place for every dashboard that sums a district, street or
 * community (coverage, fee collection, service rates, rankings). Rows are
 * plain (`findRows`): a district's 135 communities and 15 streets are only
 * read, never changed, so making entities of them was most of the work.
 */

/** Where a node's subtree starts in a `path`: `${node.path}${node.id}/`. */
export const subtreePrefix = (node: Pick<OrgNode, 'id' | 'path'>): string => `${node.path}${node.id}/`;

/** The node and everything below it: an indexed prefix match on `path`. */
export const subtreeWhere = (node: Pick<OrgNode, 'id' | 'path'>): FilterQuery<OrgNode> => ({ $or: [{ id: node.id }, { path: { $like: `${subtreePrefix(node)}%` } }] });

/** True when `node` is `root` or lies under it. */
export const isWithin = (node: Pick<OrgNode, 'id' | 'path'>, root: Pick<OrgNode, 'id' | 'path'>): boolean =>
  node.id === root.id || node.path.startsWith(subtreePrefix(root));

/** The communities of a scope, itself included when it is one, in no particular order. */
export function communitiesIn(em: EntityManager, scope: Pick<OrgNode, 'id' | 'path'>): Promise<OrgNode[]> {
  return findRows(em, OrgNodeSchema, { $and: [{ kind: 'COMMUNITY' }, subtreeWhere(scope)] });
}

/**
 * A dashboard's breakdown of a scope: its child streets or communities by
 * name (then id, so ties keep one order); none for a community, whose
 * breakdown is empty in the contract.
 */
export async function breakdownScopes(em: EntityManager, scope: Pick<OrgNode, 'id' | 'kind'>): Promise<OrgNode[]> {
  if (scope.kind === 'COMMUNITY') return [];
  return findRows(em, OrgNodeSchema, { parentId: scope.id, kind: { $in: [...BREAKDOWN_KINDS] } }, { orderBy: { name: 'asc', id: 'asc' } });
}

/** Each community's breakdown scope (the child it is, or lies under); communities under none are left out. */
export function breakdownOf(children: readonly OrgNode[], communities: readonly OrgNode[]): Map<string, string> {
  const childOf = new Map<string, string>();
  for (const community of communities) {
    const child = children.find((c) => isWithin(community, c));
    if (child) childOf.set(community.id, child.id);
  }
  return childOf;
}
