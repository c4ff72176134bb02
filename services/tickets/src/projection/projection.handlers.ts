import type { EventHandler } from '@linli/events';
import { createOrgProjectionHandlers, gridCopyHandlers, sqlRun, type SubtreeMoved } from '@linli/subgraph-kit';
import { moveCounts } from '../ticket/ticket.count';
import { GridNodeEntity } from './grid-node.entity';

/**
 * A moved organisation moves the tickets of the communities below it: their
 * `scope_path` gets the new prefix in one statement (moves are rare, lists
 * are not: the path stays a plain indexed column).
 */
const moveTickets: SubtreeMoved = async (em, oldPrefix, newPrefix) => {
  // The moved organisation is the last segment of its prefix; the counters of the ancestors it left and joined move with it.
  const id = oldPrefix.split('/').filter(Boolean).at(-1)!;
  const ancestors = (prefix: string) => prefix.split('/').filter((segment) => segment && segment !== id);
  const left = ancestors(oldPrefix);
  const joined = ancestors(newPrefix);
  await moveCounts(em, id, left.filter((a) => !joined.includes(a)), joined.filter((a) => !left.includes(a)));
  await sqlRun(em, 'update "ticket" set "scope_path" = ? || substr("scope_path", ?) where "scope_path" like ?', [newPrefix, oldPrefix.length + 1, `${oldPrefix}%`]);
};

/** Every event this subgraph consumes: the organisation tree (kit) and the grid tree. */
export const projectionHandlers: Record<string, EventHandler> = {
  ...createOrgProjectionHandlers({ onSubtreeMoved: moveTickets }),
  ...gridCopyHandlers(GridNodeEntity, (p) => ({ code: p.code, name: p.name, level: p.level, communityId: p.communityId, compoundId: p.compoundId, parentId: p.parentId })),
};
