import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { GridStaffEntity } from './staff.entity';
import { toGridStaff, type GridStaff } from './staff.type';

/** A grid's assignments (active only, or with the ended ones), by role then start: one query per request. */
export const staffOf = (ctx: SubgraphContext, gridId: string, includeEnded: boolean): Promise<GridStaff[]> =>
  ctx.loaders
    .load(includeEnded ? 'grid.staff.all' : 'grid.staff', gridId, async (ids) => {
      const where = { gridId: { $in: [...ids] }, ...(includeEnded ? {} : { until: null }) };
      const rows = await ctx.em.find(GridStaffEntity, where, { orderBy: { role: 'asc', since: 'asc', id: 'asc' } });
      return groupBy(ids, rows.map(toGridStaff), (s) => s.gridId);
    })
    .then((list) => list ?? []);
