import type { EntityManager } from '@mikro-orm/core';
import { GridCreated, GridMoved, GridRetired, GridUpdated, on, type EventEnvelope, type EventHandler, type GridRetiredV1, type GridStateV1 } from '@linli/events';
import { createOrgProjectionHandlers, type SubtreeMoved } from '@linli/subgraph-kit';
import { moveCounts } from '../ticket/ticket.count';
import { GridNodeEntity } from './grid-node.entity';

/** Upserts a grid from its full state; events of one grid may arrive out of order, so the newest wins. */
async function upsertGrid(em: EntityManager, e: EventEnvelope<string, GridStateV1>): Promise<GridNodeEntity> {
  const p = e.payload;
  const at = new Date(e.occurredAt);
  const values = { code: p.code, name: p.name, level: p.level, communityId: p.communityId, compoundId: p.compoundId, parentId: p.parentId, updatedAt: at };
  const existing = await em.findOne(GridNodeEntity, { id: p.gridId });
  if (!existing) return em.create(GridNodeEntity, { id: p.gridId, ...values });
  if (existing.updatedAt <= at) em.assign(existing, values);
  return existing;
}

async function applyGrid(em: EntityManager, e: EventEnvelope<string, GridStateV1>): Promise<void> {
  await upsertGrid(em, e);
}

/** Retirement is final, whatever order the grid's events arrive in; its state is upserted as usual. */
async function retireGrid(em: EntityManager, e: EventEnvelope<string, GridRetiredV1>): Promise<void> {
  const row = await upsertGrid(em, e);
  row.retiredAt ??= new Date(e.payload.retiredAt);
}

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
  await em
    .getConnection()
    .execute(
      'update "ticket" set "scope_path" = ? || substr("scope_path", ?) where "scope_path" like ?',
      [newPrefix, oldPrefix.length + 1, `${oldPrefix}%`],
      'run',
      em.getTransactionContext(),
    );
};

/** Every event this subgraph consumes: the organisation tree (kit) and the grid tree. */
export const projectionHandlers: Record<string, EventHandler> = {
  ...createOrgProjectionHandlers({ onSubtreeMoved: moveTickets }),
  ...on(GridCreated, applyGrid),
  ...on(GridMoved, applyGrid),
  ...on(GridUpdated, applyGrid),
  ...on(GridRetired, retireGrid),
};
