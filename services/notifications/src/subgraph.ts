import { OrgNodeSchema, orgProjectionHandlers, type SubgraphDefinition } from '@linli/subgraph-kit';
import { FirmCompoundEntity } from './firm/firm-compound.entity';
import { firmCompoundConsumers } from './firm/firm-compound.consumers';
import { notificationConsumers, ticketNotificationBatch } from './notification/notification.consumers';
import { InboxCounterEntity, NotificationEntity, NotificationReadEntity, ReadCounterEntity } from './notification/notification.entity';
import { NotificationResolver } from './notification/notification.resolver';
import { Organisation, Proposal, Ticket } from './references/refs.type';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook/webhook.entity';
import { WebhookDeliveryFieldResolver, WebhookResolver } from './webhook/webhook.resolver';
import { startWebhookWorker } from './webhook/webhook.worker';
import { migrations } from './migrations';

/** The notifications subgraph: inboxes made from the events, read state, webhooks (subscriptions are served by the gateway). */
export const notificationsSubgraph: SubgraphDefinition = {
  name: 'notifications',
  entities: [
    NotificationEntity,
    NotificationReadEntity,
    InboxCounterEntity,
    ReadCounterEntity,
    WebhookEntity,
    WebhookDeliveryEntity,
    FirmCompoundEntity,
    OrgNodeSchema,
  ],
  migrations,
  schema: {
    resolvers: [NotificationResolver, WebhookResolver, WebhookDeliveryFieldResolver],
    orphanedTypes: [Ticket, Proposal, Organisation],
  },
  consumers: { ...orgProjectionHandlers, ...firmCompoundConsumers, ...notificationConsumers },
  batchConsumers: [ticketNotificationBatch],
  background: (runtime) => startWebhookWorker(runtime),
};
