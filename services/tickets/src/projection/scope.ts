import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@linli/platform';
import { orgNodes, subtreePrefix, type OrgNode, type SubgraphContext } from '@linli/subgraph-kit';
import type { Viewer } from '../ticket/ticket.access';
import { GridNodeEntity } from './grid-node.entity';

/** Where an organisation's subtree starts in a `scope_path` (the kit's: its own path plus itself). */
export { subtreePrefix };

/** The caller with the subtrees it acts for, from this subgraph's copy of the organisation tree (one query). */
export async function viewerOf(em: EntityManager, actor: Actor): Promise<Viewer> {
  const nodes = await orgNodes(em, actor.orgs);
  return { actor, scopes: [...nodes.values()].map((n) => ({ id: n.id, kind: n.kind, prefix: subtreePrefix(n) })) };
}

/** Once per request, however many fields ask. */
export function requestViewer(ctx: SubgraphContext): Promise<Viewer> {
  return ctx.loaders.load<Viewer>('viewer', 'self', async () => [await viewerOf(ctx.em, ctx.actor)]) as Promise<Viewer>;
}

export interface PlacedGrid {
  grid: GridNodeEntity;
  community: OrgNode;
  /** The community's path including itself. */
  scopePath: string;
}

/** A grid with its community placed in the organisation tree; null when either is unknown here. */
export async function placeGrid(em: EntityManager, gridId: string): Promise<PlacedGrid | null> {
  const grid = await em.findOne(GridNodeEntity, { id: gridId });
  if (!grid) return null;
  const community = (await orgNodes(em, [grid.communityId])).get(grid.communityId);
  if (!community) return null;
  return { grid, community, scopePath: subtreePrefix(community) };
}
