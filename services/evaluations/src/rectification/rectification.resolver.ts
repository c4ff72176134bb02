import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../shared/refs.type';
import { respondRectification, verifyRectification } from './rectification.service';
import { Rectification, RectificationPayload, toRectification } from './rectification.type';

@Resolver(() => Rectification)
export class RectificationResolver {
  @Mutation(() => RectificationPayload, { description: "The organisation's staff respond: ISSUED → RESPONDED. FORBIDDEN for anyone but its HANDLER_STAFF (or a SYSTEM_ADMIN), NOT_FOUND if unknown, INVALID_TRANSITION from another status, BAD_USER_INPUT for a bad response." })
  async respondRectification(
    @Arg('id', () => ID, { description: 'The rectification.' }) id: string,
    @Arg('response', { description: 'What was done, 1–2,000 characters.' }) response: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RectificationPayload> {
    const cmd = ctx.command();
    return { rectification: toRectification(await ctx.transact((em) => respondRectification(em, cmd, id, response))) };
  }

  @Mutation(() => RectificationPayload, { description: 'RESPONDED → VERIFIED when passed, back to ISSUED when not. Staff and admins whose scope holds a compound the firm manages (FORBIDDEN otherwise); NOT_FOUND if unknown, INVALID_TRANSITION from another status.' })
  async verifyRectification(
    @Arg('id', () => ID, { description: 'The rectification.' }) id: string,
    @Arg('passed', { description: 'Whether the rectification is accepted.' }) passed: boolean,
    @Arg('note', () => String, { nullable: true, description: 'A note, up to 2,000 characters.' }) note: string | null,
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
