import { byIds, groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { GridEntity } from './grid.entity';
import { toGrid, type Grid } from './grid.type';

// Grids are a public registry (not their staff): every authenticated caller reads them.
// One query per relation per request, whatever the page size.

export const loadGrids = (ctx: SubgraphContext, ids: readonly string[]) =>
  ctx.em.find(GridEntity, { id: { $in: [...ids] } }).then((rows) => byIds(ids, rows.map(toGrid)));

export const gridById = (ctx: SubgraphContext, id: string): Promise<Grid | null> => ctx.loaders.load('grid', id, (ids) => loadGrids(ctx, ids));

const listBy = (ctx: SubgraphContext, key: string, column: 'parentId' | 'compoundId' | 'communityId', id: string, topLevelOnly = false) =>
  ctx.loaders
    .load(key, id, async (ids) => {
      const where = { [column]: { $in: [...ids] }, ...(topLevelOnly ? { parentId: null } : {}) };
      const rows = await ctx.em.find(GridEntity, where, { orderBy: { code: 'asc', id: 'asc' } });
      return groupBy(ids, rows, (r) => r[column]!).map((list) => list.map(toGrid));
    })
    .then((list) => list ?? []);

export const childrenOf = (ctx: SubgraphContext, gridId: string) => listBy(ctx, 'grid.children', 'parentId', gridId);

/** A community's top-level grids (`Organisation.grids`). */
export const topGridsOf = (ctx: SubgraphContext, communityId: string) => listBy(ctx, 'organisation.grids', 'communityId', communityId, true);

export const gridsOfCompound = (ctx: SubgraphContext, compoundId: string) => listBy(ctx, 'compound.grids', 'compoundId', compoundId);
