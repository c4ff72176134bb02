import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { forbidden, hasRole } from '@linli/platform';
import { nodeInScope, type SubgraphContext } from '@linli/subgraph-kit';
import { Grid } from '../grid/grid.type';
import { gridById } from '../grid/grid.loaders';
import { orgNodeById, SCOPED_READERS } from '../organisation/organisation.scope';
import { staffOf } from './staff.loaders';
import { assignGridStaff, unassignGridStaff } from './staff.service';
import { AssignGridStaffInput, GridStaff, GridStaffPayload, toGridStaff } from './staff.type';

@Resolver(() => GridStaff)
export class GridStaffResolver {
  @Mutation(() => GridStaffPayload, {
    description: 'Assigns a person to a grid of the caller’s scope (admins and community staff; FORBIDDEN otherwise). NOT_FOUND, BAD_USER_INPUT, or CONFLICT when the person already holds that role there.',
  })
  async assignGridStaff(@Arg('input', { description: 'The assignment.' }) input: AssignGridStaffInput, @Ctx() ctx: SubgraphContext): Promise<GridStaffPayload> {
    const cmd = ctx.command();
    return { assignment: toGridStaff(await ctx.transact((em) => assignGridStaff(em, cmd, input))) };
  }

  @Mutation(() => GridStaffPayload, { description: 'Ends an assignment of the caller’s scope now; it stays in the grid’s history. FORBIDDEN when unknown or outside the scope, CONFLICT when already ended.' })
  async unassignGridStaff(@Arg('id', () => ID, { description: 'The assignment to end.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<GridStaffPayload> {
    const cmd = ctx.command();
    return { assignment: toGridStaff(await ctx.transact((em) => unassignGridStaff(em, cmd, id))) };
  }

  @FieldResolver(() => Grid, { description: 'The grid of the assignment.' })
  async grid(@Root() staff: GridStaff, @Ctx() ctx: SubgraphContext): Promise<Grid> {
    return (await gridById(ctx, staff.gridId))!;
  }
}

@Resolver(() => Grid)
export class GridStaffFieldResolver {
  /**
   * Scoped (contract: grid staff are personal data): staff, grid workers,
   * admins and analysts whose scope holds the grid's community; anyone else
   * gets FORBIDDEN here while the rest of the public grid still resolves.
   */
  @FieldResolver(() => [GridStaff], { nullable: true, description: 'Active assignments (with ended ones when includeEnded); scoped, FORBIDDEN outside the caller’s scope.' })
  async staff(
    @Root() grid: Grid,
    @Arg('includeEnded', { defaultValue: false, description: 'Also list ended assignments.' }) includeEnded: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<GridStaff[]> {
    const community = await orgNodeById(ctx, grid.community.id);
    if (!hasRole(ctx.actor, ...SCOPED_READERS) || !community || !nodeInScope(ctx.actor, community)) throw forbidden();
    return staffOf(ctx, grid.id, includeEnded);
  }
}
