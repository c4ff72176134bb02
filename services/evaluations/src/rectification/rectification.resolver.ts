import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../shared/refs.type';
import { respondRectification, verifyRectification } from './rectification.service';
import { Rectification, RectificationPayload, toRectification } from './rectification.type';

@Resolver(() => Rectification)
export class RectificationResolver {
  @Mutation(() => RectificationPayload, { description: "The organisation's staff respond: ISSUED → RESPONDED." })
  async respondRectification(
    @Arg('id', () => ID) id: string,
    @Arg('response') response: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RectificationPayload> {
    const cmd = ctx.command();
    return { rectification: toRectification(await ctx.transact((em) => respondRectification(em, cmd, id, response))) };
  }

  @Mutation(() => RectificationPayload, { description: 'RESPONDED → VERIFIED when passed, back to ISSUED when not.' })
  async verifyRectification(
    @Arg('id', () => ID) id: string,
    @Arg('passed') passed: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RectificationPayload> {
    const cmd = ctx.command();
    return { rectification: toRectification(await ctx.transact((em) => verifyRectification(em, cmd, id, passed, note))) };
  }

  @FieldResolver(() => Organisation, { description: 'The organisation it was issued to.' })
  firm(@Root() r: Rectification): Organisation {
    return organisationRef(r.firmId);
  }
}
