import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation } from '../organisation/organisation.type';
import { CreateGridInput, UpdateGridInput } from './grid.input';
import { gridAt } from './grid.locate';
import { childrenOf, gridById, topGridsOf } from './grid.loaders';
import { createGrid, moveGrid, retireGrid, updateGrid } from './grid.service';
import { Grid, GridPayload, toGrid } from './grid.type';

@Resolver(() => Grid)
export class GridResolver {
  /** Public, like every grid (contract); null when there is none. */
  @Query(() => Grid, { nullable: true, description: 'One grid; open to every authenticated caller. Null when unknown.' })
  grid(@Arg('id', () => ID, { description: 'The grid’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Grid | null> {
    return gridById(ctx, id);
  }

  @Query(() => Grid, { description: 'The deepest grid whose boundary contains the point (edges and vertices included); NOT_FOUND if none.' })
  async gridAt(
    @Arg('lat', () => Float, { description: 'Latitude (WGS-84), −90 to 90.' }) lat: number,
    @Arg('lng', () => Float, { description: 'Longitude (WGS-84), −180 to 180.' }) lng: number, @Ctx() ctx: SubgraphContext): Promise<Grid> {
    return toGrid(await gridAt(ctx.em, lat, lng));
  }

  @Mutation(() => GridPayload, {
    description: 'Creates a grid in a community of the caller’s scope (admins and community staff; FORBIDDEN otherwise). NOT_FOUND, BAD_USER_INPUT, or CONFLICT for a code already taken in the district.',
  })
  async createGrid(@Arg('input', { description: 'The new grid.' }) input: CreateGridInput, @Ctx() ctx: SubgraphContext): Promise<GridPayload> {
    const cmd = ctx.command();
    return { grid: toGrid(await ctx.transact((em) => createGrid(em, cmd, input))) };
  }

  @Mutation(() => GridPayload, { description: 'Moves a grid of the caller’s scope under another parent grid of its community, or to the top level (parentId null). FORBIDDEN outside the scope, NOT_FOUND if unknown, BAD_USER_INPUT for a parent of the wrong level, community or compound, or whose boundary does not hold it.' })
  async moveGrid(
    @Arg('id', () => ID, { description: 'The grid to move.' }) id: string,
    @Arg('parentId', () => ID, { nullable: true, description: 'Its new parent grid; null for the top level.' }) parentId: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<GridPayload> {
    const cmd = ctx.command();
    return { grid: toGrid(await ctx.transact((em) => moveGrid(em, cmd, id, parentId))) };
  }

  @Mutation(() => GridPayload, { description: 'Changes the name, counts or boundary; a grid’s level and compound never change. Omitted fields stay.' })
  async updateGrid(@Arg('id', () => ID, { description: 'A grid of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' }) id: string, @Arg('input', { description: 'The changes.' }) input: UpdateGridInput, @Ctx() ctx: SubgraphContext): Promise<GridPayload> {
    const cmd = ctx.command();
    return { grid: toGrid(await ctx.transact((em) => updateGrid(em, cmd, id, input))) };
  }

  @Mutation(() => GridPayload, { description: 'Sets retiredAt: not found by gridAt, takes no new tickets, stays readable. CONFLICT with active child grids or staff.' })
  async retireGrid(@Arg('id', () => ID, { description: 'A grid of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' }) id: string, @Ctx() ctx: SubgraphContext): Promise<GridPayload> {
    const cmd = ctx.command();
    return { grid: toGrid(await ctx.transact((em) => retireGrid(em, cmd, id))) };
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid directly above; null at the top level.' })
  parent(@Root() grid: Grid, @Ctx() ctx: SubgraphContext): Promise<Grid | null> | null {
    return grid.parentId ? gridById(ctx, grid.parentId) : null;
  }

  @FieldResolver(() => [Grid], { description: 'The grids directly below, by code.' })
  children(@Root() grid: Grid, @Ctx() ctx: SubgraphContext): Promise<Grid[]> {
    return childrenOf(ctx, grid.id);
  }
}

@Resolver(() => Organisation)
export class OrganisationGridsResolver {
  /** A community's top-level grids, by code; public (contract: grids, not their staff). */
  @FieldResolver(() => [Grid], { description: 'A community’s top-level grids, by code (public); empty for other organisations.' })
  grids(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Grid[]> {
    return topGridsOf(ctx, org.id);
  }
}
