import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound } from '@linli/platform';
import { groupBy, orgNodes, type SubgraphContext } from '@linli/subgraph-kit';
import { ticketLookup } from '../ticket/ticket.loaders';
import { Ticket } from '../ticket/ticket.type';
import { DeliberationEntity, DeliberationTicketEntity } from './deliberation.entity';
import { mayReadDeliberations, recordDeliberationOutcome, scheduleDeliberation } from './deliberation.service';
import { Deliberation, DeliberationPayload, ScheduleDeliberationInput, toDeliberation } from './deliberation.type';

async function readableCommunity(ctx: SubgraphContext, communityId: string) {
  const community = (await orgNodes(ctx.em, [communityId])).get(communityId);
  if (!community || !mayReadDeliberations(ctx.actor, community)) throw forbidden();
  return community;
}

@Resolver(() => Deliberation)
export class DeliberationResolver {
  @Query(() => Deliberation, {
    nullable: true,
    description: 'One deliberation, for staff, grid workers, admins and analysts of its community’s scope (FORBIDDEN otherwise); NOT_FOUND if unknown.',
  })
  async deliberation(@Arg('id', () => ID, { description: 'The deliberation’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Deliberation> {
    const row = await ctx.em.findOne(DeliberationEntity, { id });
    if (!row) throw notFound('Deliberation');
    await readableCommunity(ctx, row.communityId);
    return toDeliberation(row);
  }

  @Query(() => [Deliberation], { description: "A community's deliberations, latest scheduled first (at most 100); for staff, grid workers, admins and analysts of its scope (FORBIDDEN otherwise)." })
  async deliberations(@Arg('communityId', () => ID, { description: 'The community.' }) communityId: string, @Ctx() ctx: SubgraphContext): Promise<Deliberation[]> {
    await readableCommunity(ctx, communityId);
    const rows = await ctx.em.find(DeliberationEntity, { communityId }, { orderBy: { scheduledAt: 'desc', id: 'desc' }, limit: 100 });
    return rows.map(toDeliberation);
  }

  @Mutation(() => DeliberationPayload, {
    description: 'Schedules a deliberation in a community of the caller’s scope (community staff, grid workers and admins; FORBIDDEN otherwise, also for a linked ticket the caller may not see). NOT_FOUND for an unknown community, BAD_USER_INPUT for bad fields.',
  })
  async scheduleDeliberation(@Arg('input', { description: 'The deliberation.' }) input: ScheduleDeliberationInput, @Ctx() ctx: SubgraphContext): Promise<DeliberationPayload> {
    const cmd = ctx.command();
    return { deliberation: toDeliberation(await ctx.transact((em) => scheduleDeliberation(em, cmd, input))) };
  }

  @Mutation(() => DeliberationPayload, {
    description: 'Records what a scheduled deliberation decided (the same writers, in its community’s scope; FORBIDDEN otherwise). NOT_FOUND if unknown, INVALID_TRANSITION once held, BAD_USER_INPUT for a bad outcome.',
  })
  async recordDeliberationOutcome(
    @Arg('id', () => ID, { description: 'The deliberation.' }) id: string,
    @Arg('outcome', { description: 'What was decided, 1–2,000 characters.' }) outcome: string,
    @Arg('resolveTickets', { description: 'Also resolve every linked ticket that is still open, with the outcome as its note (action DELIBERATE).' }) resolveTickets: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeliberationPayload> {
    const cmd = ctx.command();
    return { deliberation: toDeliberation(await ctx.transact((em) => recordDeliberationOutcome(em, cmd, id, outcome, resolveTickets))) };
  }

  /** The linked tickets the caller may see, in the order given (one statement per relation for a whole list). */
  @FieldResolver(() => [Ticket], { description: 'The linked tickets the caller may see, in the order given.' })
  async tickets(@Root() d: Deliberation, @Ctx() ctx: SubgraphContext): Promise<Ticket[]> {
    const links = await ctx.loaders.load('deliberation.tickets', d.id, async (ids) => {
      const rows = await ctx.em.find(DeliberationTicketEntity, { deliberationId: { $in: [...ids] } }, { orderBy: { position: 'asc' } });
      return groupBy(ids, rows, (r) => r.deliberationId);
    });
    const found = await Promise.all((links ?? []).map((l) => ticketLookup(ctx, l.ticketId)));
    return found.flatMap((f) => (f?.visible ? [f.visible] : []));
  }
}
