import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { byIds, groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { GridEntity } from './grid.entity';
import { CreateGridInput } from './grid.input';
import { createGrid } from './grid.service';
import { CreateGridPayload, Grid, toGrid } from './grid.type';
import { Organisation } from '../organisation/organisation.type';

/** Grids are a public registry (not their staff): any authenticated caller reads them. */
export const loadGrids = (ctx: SubgraphContext, ids: readonly string[]) =>
  ctx.em.find(GridEntity, { id: { $in: [...ids] } }).then((rows) => byIds(ids, rows.map(toGrid)));

@Resolver(() => Grid)
export class GridResolver {
  @Mutation(() => CreateGridPayload)
  async createGrid(@Arg('input') input: CreateGridInput, @Ctx() ctx: SubgraphContext): Promise<CreateGridPayload> {
    const row = await ctx.transact((em) => createGrid(em, ctx.command(), input));
    return { grid: toGrid(row) };
  }

  @FieldResolver(() => Grid, { nullable: true })
  parent(@Root() grid: Grid, @Ctx() ctx: SubgraphContext) {
    return grid.parentId ? ctx.loaders.load('grid', grid.parentId, (ids) => loadGrids(ctx, ids)) : null;
  }
}

@Resolver(() => Organisation)
export class OrganisationGridsResolver {
  /** A community's top-level grids, one query for every community on the page. */
  @FieldResolver(() => [Grid])
  async grids(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Grid[]> {
    const list = await ctx.loaders.load('organisation.grids', org.id, async (ids) => {
      const rows = await ctx.em.find(GridEntity, { communityId: { $in: [...ids] }, parentId: null }, { orderBy: { code: 'asc' } });
      return groupBy(ids, rows.map(toGrid), (g) => g.community.id);
    });
    return list ?? [];
  }
}

