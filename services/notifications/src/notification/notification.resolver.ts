import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Subscription } from 'type-graphql';
import { forbidden, unauthenticated } from '@linli/platform';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Ticket } from '../references/refs.type';
import { inboxCounts, markRead, myNotifications, notificationOf } from './notification.service';
import { MarkNotificationsReadPayload, Notification, NotificationConnection, toNotification } from './notification.type';

/** Subscriptions are served by the gateway over SSE; this subgraph only declares them. */
function servedByTheGateway(): AsyncIterable<never> {
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(forbidden('Subscriptions are served by the gateway at /graphql/stream')) }) };
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The caller's notifications and those of the organisations it acts for, newest first." })
  async myNotifications(
    @Ctx() ctx: SubgraphContext,
    @Arg('unreadOnly', () => Boolean, { nullable: true, description: 'Only the ones the caller has not read.' }) unreadOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true, description: '1–100, default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<NotificationConnection> {
    const page = await myNotifications(ctx.em, ctx.actor, { unreadOnly, first, after });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toNotification(e.node) })) };
  }

  @Query(() => Notification, { description: "One of the caller's notifications (NOT_FOUND for anyone else's)." })
  async notification(@Arg('id', () => ID, { description: 'The notification’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Notification> {
    return toNotification(await notificationOf(ctx.em, ctx.actor, id));
  }

  @Mutation(() => MarkNotificationsReadPayload, { description: "Marks the caller's own read state only; ids not the caller's are skipped." })
  async markNotificationsRead(
    @Ctx() ctx: SubgraphContext,
    @Arg('ids', () => [ID], { nullable: true, description: 'The notifications to mark read.' }) ids?: string[] | null,
    @Arg('all', () => Boolean, { nullable: true, description: 'True to mark every notification of the caller’s inboxes read.' }) all?: boolean | null,
  ): Promise<MarkNotificationsReadPayload> {
    const cmd = ctx.command();
    await ctx.transact((em) => markRead(em, cmd.actor, ids, !!all, cmd.now));
    return { unreadCount: (await inboxCounts(ctx.em.fork(), ctx.actor)).unread };
  }

  @Subscription(() => Notification, {
    subscribe: () => servedByTheGateway(),
    description: "Each new notification of the caller (its own and its organisations'), pushed over SSE by the gateway.",
  })
  notificationAdded(): Notification {
    throw unauthenticated();
  }

  @Subscription(() => Ticket, {
    subscribe: () => servedByTheGateway(),
    description: 'The ticket after each change, for a ticket the caller may see (FORBIDDEN otherwise), pushed over SSE by the gateway.',
  })
  ticketUpdated(@Arg('id', () => ID, { description: 'The ticket to follow.' }) _id: string): Ticket {
    throw unauthenticated();
  }
}
