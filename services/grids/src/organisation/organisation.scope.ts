import type { EntityManager } from '@mikro-orm/core';
import { badInput, forbidden, notFound, type Actor, type Role } from '@linli/platform';
import { nodeInScope, orgAncestors, orgNodes, type OrgNode, type SubgraphContext } from '@linli/subgraph-kit';

/**
 * Scope checks over this service's copy of the organisation tree (`org_node`,
 * fed by the organisations events): grids never call the organisations subgraph.
 */

/** One organisation node, batched per request. */
export const orgNodeById = (ctx: SubgraphContext, id: string): Promise<OrgNode | null> =>
  ctx.loaders.load('orgNode', id, async (ids) => {
    const nodes = await orgNodes(ctx.em, ids);
    return ids.map((i) => nodes.get(i) ?? null);
  });

/** The ancestors of an organisation, root first, excluding itself (the events' `communityAncestorIds`). */
export const ancestorIdsOf = (node: OrgNode) => orgAncestors(node.path);

/** The district a community lies in: the root of its chain (grid codes are unique within it). */
export const districtIdOf = (node: OrgNode) => ancestorIdsOf(node)[0] ?? node.id;

/**
 * The community a write (or a scoped read) targets: NOT_FOUND when unknown,
 * FORBIDDEN outside the caller's scope (contract: a write is judged on the
 * community it writes to), BAD_USER_INPUT when it is not a COMMUNITY.
 */
export async function communityInScope(em: EntityManager, actor: Actor, id: string, field = 'communityId'): Promise<OrgNode> {
  const node = (await orgNodes(em, [id])).get(id);
  if (!node) throw notFound('Community');
  if (!nodeInScope(actor, node)) throw forbidden();
  if (node.kind !== 'COMMUNITY') throw badInput(field, `${field} must be a COMMUNITY`);
  return node;
}

/** The community of a grid or compound, already known to exist; FORBIDDEN outside the caller's scope. */
export async function requireCommunityInScope(em: EntityManager, actor: Actor, communityId: string): Promise<OrgNode> {
  const node = (await orgNodes(em, [communityId])).get(communityId);
  if (!node || !nodeInScope(actor, node)) throw forbidden();
  return node;
}

/**
 * An organisation a write merely references (a compound's firm, party
 * organisation, owners' committee): it may lie outside the caller's scope
 * (contract), but must exist and be of one of `kinds` (BAD_USER_INPUT otherwise).
 */
export async function linkedOrganisation(em: EntityManager, id: string, field: string, kinds: readonly string[]): Promise<OrgNode> {
  const node = (await orgNodes(em, [id])).get(id);
  if (!node) throw badInput(field, `${field}: no such organisation`);
  if (!kinds.includes(node.kind)) throw badInput(field, `${field} must be a ${kinds.join(' or ')}`);
  return node;
}

/** Roles that read the scoped parts of the territory (grid staff, visits, compliance) inside their scope. */
export const SCOPED_READERS: readonly Role[] = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER', 'ANALYST'];
