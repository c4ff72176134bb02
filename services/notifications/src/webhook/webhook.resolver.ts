import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import type { Page } from '@linli/subgraph-kit';
import { notificationsById } from '../notification/notification.loaders';
import { Notification, toNotification } from '../notification/notification.type';
import { disableWebhook, registerWebhook, webhookDeliveries } from './webhook.service';
import { RegisterWebhookInput, toDelivery, toWebhook, WebhookDelivery, WebhookDeliveryConnection, WebhookPayload } from './webhook.type';

@Resolver()
export class WebhookResolver {
  @Mutation(() => WebhookPayload, { description: "Staff or admins acting for the organisation's scope." })
  async registerWebhook(@Arg('input', { description: 'The organisation, endpoint, secret and kinds.' }) input: RegisterWebhookInput, @Ctx() ctx: SubgraphContext): Promise<WebhookPayload> {
    const cmd = ctx.command();
    return { webhook: toWebhook(await ctx.transact((em) => registerWebhook(em, cmd, input))) };
  }

  @Mutation(() => WebhookPayload, { description: 'Stops deliveries; the pending ones are left failed.' })
  async disableWebhook(@Arg('id', () => ID, { description: 'The webhook’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<WebhookPayload> {
    const cmd = ctx.command();
    return { webhook: toWebhook(await ctx.transact((em) => disableWebhook(em, cmd, id))) };
  }

  @Query(() => WebhookDeliveryConnection, { description: "A webhook's deliveries, newest first (the people who may register it)." })
  async webhookDeliveries(
    @Arg('webhookId', () => ID, { description: 'The webhook’s id.' }) webhookId: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default and maximum as for every connection).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<Page<WebhookDelivery>> {
    const page = await webhookDeliveries(ctx.em, ctx.actor, webhookId, { first, after });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toDelivery(e.node) })) };
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryFieldResolver {
  /** The delivered notification (the organisation's, which the webhook's readers may see); batched per request. */
  @FieldResolver(() => Notification, { description: 'The delivered notification (the organisation’s).' })
  async notification(@Root() d: WebhookDelivery, @Ctx() ctx: SubgraphContext): Promise<Notification> {
    const row = await notificationsById(ctx, d.notificationId);
    return toNotification({ row: row!, readAt: null });
  }
}
