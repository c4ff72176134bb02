import type { SubgraphContext } from '@linli/subgraph-kit';
import { byIds, groupBy } from '@linli/subgraph-kit';
import { OrganisationEntity } from './organisation.entity';
import { toOrganisation, type Organisation } from './organisation.type';

/** One query per batch of ids, per request. Organisations are a public registry: no scoping needed. */
export const loadOrganisations = (ctx: SubgraphContext, ids: readonly string[]) =>
  ctx.em.find(OrganisationEntity, { id: { $in: [...ids] } }).then((rows) => byIds(ids, rows.map(toOrganisation)));

export const organisationById = (ctx: SubgraphContext, id: string): Promise<Organisation | null> =>
  ctx.loaders.load('organisation', id, (ids) => loadOrganisations(ctx, ids));

export const childrenOf = (ctx: SubgraphContext, id: string): Promise<Organisation[]> =>
  ctx.loaders
    .load('organisation.children', id, async (ids) => {
      const rows = await ctx.em.find(OrganisationEntity, { parentId: { $in: [...ids] } }, { orderBy: { name: 'asc', id: 'asc' } });
      return groupBy(ids, rows.map(toOrganisation), (o) => o.parentId!);
    })
    .then((list) => list ?? []);
