import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Grid } from '../grid/grid.type';
import { gridById } from '../grid/grid.loaders';
import { personRef } from '../person/person.type';
import { recordVisit, visitCompliance } from './visit.service';
import { RecordVisitInput, toVisit, Visit, VisitComplianceEntry, VisitPayload } from './visit.type';

@Resolver(() => Visit)
export class VisitResolver {
  @Mutation(() => VisitPayload, { description: 'A grid worker records its own visits on a grid it is assigned to; staff and admins of the scope may enter them for it. FORBIDDEN otherwise, NOT_FOUND for an unknown grid, BAD_USER_INPUT for bad fields.' })
  async recordVisit(@Arg('input', { description: 'The visit.' }) input: RecordVisitInput, @Ctx() ctx: SubgraphContext): Promise<VisitPayload> {
    const cmd = ctx.command();
    return { visit: toVisit(await ctx.transact((em) => recordVisit(em, cmd, input))) };
  }

  @Query(() => [VisitComplianceEntry], {
    description: 'Every active assignment in the community whose role requires visits (COMPOUND_HEAD, GRID_LEADER, GRID_MEMBER: 4 a month), its visits in the month (YYYY-MM, UTC+8) and whether it met them.',
  })
  async visitCompliance(
    @Arg('communityId', () => ID, { description: 'A community of the caller’s scope (staff, grid workers, admins and analysts; FORBIDDEN otherwise).' }) communityId: string,
    @Arg('month', { description: 'YYYY-MM (BAD_USER_INPUT otherwise).' }) month: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VisitComplianceEntry[]> {
    const rows = await visitCompliance(ctx.em, ctx.actor, ctx.now(), communityId, month);
    return rows.map((r) =>
      Object.assign(new VisitComplianceEntry(), {
        person: personRef(r.assignment.personId),
        role: r.assignment.role,
        required: r.required,
        visits: r.visits,
        compliant: r.compliant,
        gridId: r.assignment.gridId,
      }),
    );
  }

  @FieldResolver(() => Grid, { description: 'The grid visited.' })
  async grid(@Root() visit: Visit, @Ctx() ctx: SubgraphContext): Promise<Grid> {
    return (await gridById(ctx, visit.gridId))!;
  }
}

@Resolver(() => VisitComplianceEntry)
export class VisitComplianceResolver {
  @FieldResolver(() => Grid, { description: 'The grid of the assignment.' })
  async grid(@Root() entry: VisitComplianceEntry, @Ctx() ctx: SubgraphContext): Promise<Grid> {
    return (await gridById(ctx, entry.gridId))!;
  }
}
