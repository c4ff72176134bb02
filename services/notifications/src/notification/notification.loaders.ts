import { byIds, type SubgraphContext } from '@linli/subgraph-kit';
import { NotificationEntity } from './notification.entity';

/** Notifications by id, one query per request however many are asked for. */
export const notificationsById = (ctx: SubgraphContext, id: string) =>
  ctx.loaders.load('notification', id, async (ids) => byIds(ids, await ctx.em.find(NotificationEntity, { id: { $in: [...ids] } })));
