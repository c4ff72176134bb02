import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { requestViewer } from '../projection/scope';
import { Ticket, TicketPayload, toTicket } from '../ticket/ticket.type';
import { TicketFollowUpEntity } from './follow-up.entity';
import { followUpTicket } from './follow-up.service';
import { FollowUpInput, TicketFollowUp, toFollowUp } from './follow-up.type';

@Resolver(() => Ticket)
export class TicketFollowUpResolver {
  @Mutation(() => TicketPayload, {
    description:
      'Community staff and grid workers of the scope, never who submitted or last dispatched the ticket (FORBIDDEN); RESOLVED or CLOSED tickets (INVALID_TRANSITION otherwise). A reached reporter\'s score rates a RESOLVED, unrated ticket (via FOLLOW_UP) and closes it.',
  })
  async followUpTicket(@Arg('id', () => ID, { description: 'The resolved ticket (NOT_FOUND when unknown).' }) id: string, @Arg('input', () => FollowUpInput, { description: 'The outcome of the call.' }) input: FollowUpInput, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    const row = await ctx.transact((em) => followUpTicket(em, cmd, id, input));
    return { ticket: toTicket(row, await requestViewer(ctx), ctx.now()) };
  }

  @FieldResolver(() => [TicketFollowUp], { description: 'Follow-up calls and visits (回访), oldest first.' })
  async followUps(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): Promise<TicketFollowUp[]> {
    const rows = await ctx.loaders.load('ticket.followUps', ticket.id, async (ids) => {
      const all = await ctx.em.find(TicketFollowUpEntity, { ticketId: { $in: [...ids] } }, { orderBy: { ticketId: 'asc', at: 'asc', id: 'asc' } });
      return groupBy(ids, all, (f) => f.ticketId);
    });
    return (rows ?? []).map(toFollowUp);
  }
}
