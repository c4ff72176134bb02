import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { requestViewer } from '../projection/scope';
import { ticketLookup } from '../ticket/ticket.loaders';
import { Ticket } from '../ticket/ticket.type';
import { TicketCommentEntity } from './comment.entity';
import { maySeeInternal } from './comment.rules';
import { addTicketComment } from './comment.service';
import { TicketComment, TicketCommentPayload, toComment } from './comment.type';

@Resolver(() => Ticket)
export class TicketCommentResolver {
  @Mutation(() => TicketCommentPayload, { description: 'Anyone who may see the ticket (NOT_FOUND, FORBIDDEN otherwise); `internal` by staff only. Body 1–2,000 characters.' })
  async addTicketComment(
    @Arg('ticketId', () => ID, { description: 'The ticket to comment on.' }) ticketId: string,
    @Arg('body', { description: '1–2,000 characters (BAD_USER_INPUT otherwise).' }) body: string,
    @Arg('internal', () => Boolean, { nullable: true, description: 'For staff only; never shown to the reporter. Default false.' }) internal: boolean | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TicketCommentPayload> {
    const cmd = ctx.command();
    const row = await ctx.transact((em) => addTicketComment(em, cmd, ticketId, body, internal ?? false));
    return { comment: toComment(row) };
  }

  /** Oldest first; internal ones only for staff who are not the reporter. One statement for a page of tickets. */
  @FieldResolver(() => [TicketComment], { description: 'Oldest first. Internal comments are shown to staff only, never to the reporter.' })
  async comments(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): Promise<TicketComment[]> {
    const [rows, viewer, found] = await Promise.all([
      ctx.loaders.load('ticket.comments', ticket.id, async (ids) => {
        const all = await ctx.em.find(TicketCommentEntity, { ticketId: { $in: [...ids] } }, { orderBy: { ticketId: 'asc', at: 'asc', id: 'asc' } });
        return groupBy(ids, all, (c) => c.ticketId);
      }),
      requestViewer(ctx),
      ticketLookup(ctx, ticket.id),
    ]);
    const internalVisible = !!found && maySeeInternal(viewer, found.row);
    return (rows ?? []).filter((c) => internalVisible || !c.internal).map(toComment);
  }
}
