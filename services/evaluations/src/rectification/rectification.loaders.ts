import { byIds, groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { FirmStateEntity } from './firm-state.entity';
import { RectificationEntity } from './rectification.entity';
import { toRectification, type Rectification } from './rectification.type';

/** An organisation's rectifications, newest first: one query for every organisation on the page. */
export const rectificationsOf = (ctx: SubgraphContext, firmId: string): Promise<Rectification[]> =>
  ctx.loaders
    .load('rectifications.byFirm', firmId, async (ids) => {
      const rows = await ctx.em.find(RectificationEntity, { firmId: { $in: [...ids] } }, { orderBy: { issuedAt: 'desc', id: 'desc' } });
      return groupBy(ids, rows.map(toRectification), (r) => r.firmId);
    })
    .then((list) => list ?? []);

export const rectificationById = (ctx: SubgraphContext, id: string): Promise<Rectification | null> =>
  ctx.loaders.load('rectification', id, async (ids) => {
    const rows = await ctx.em.find(RectificationEntity, { id: { $in: [...ids] } });
    return byIds(ids, rows.map(toRectification));
  });

export const firmStateOf = (ctx: SubgraphContext, firmId: string): Promise<FirmStateEntity | null> =>
  ctx.loaders.load('firmState', firmId, async (ids) => {
    const rows = await ctx.em.find(FirmStateEntity, { firmId: { $in: [...ids] } });
    const map = new Map(rows.map((r) => [r.firmId, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
