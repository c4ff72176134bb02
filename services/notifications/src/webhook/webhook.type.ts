import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, DateTimeScalar } from '@linli/subgraph-kit';
import { Notification, NotificationKindEnum } from '../notification/notification.type';
import type { NotificationKind } from '../notification/notification.rules';
import { Organisation, organisationRef } from '../references/refs.type';
import type { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

@ObjectType('Webhook', { description: "An organisation's endpoint for its notifications. The secret is never read back." })
export class Webhook {
  @Field(() => ID, { description: 'The webhook’s id.' })
  id!: string;

  @Field({ description: 'The https endpoint notifications are POSTed to.' })
  url!: string;

  @Field(() => [NotificationKindEnum], { description: 'The notification kinds it receives.' })
  kinds!: NotificationKind[];

  @Field({ description: 'False once disabled.' })
  active!: boolean;

  @Field(() => DateTimeScalar, { description: 'When it was registered.' })
  createdAt!: Date;

  @Field(() => Organisation, { description: 'The organisation whose notifications it receives.' })
  organisation!: Organisation;
}

export const toWebhook = (w: WebhookEntity): Webhook =>
  Object.assign(new Webhook(), {
    id: w.id,
    url: w.url,
    kinds: w.kinds as NotificationKind[],
    active: w.active,
    createdAt: w.createdAt,
    organisation: organisationRef(w.organisationId)!,
  });

@ObjectType('WebhookPayload', { description: 'The result of a webhook mutation.' })
export class WebhookPayload {
  @Field(() => Webhook, { description: 'The webhook after the change.' })
  webhook!: Webhook;
}

@InputType('RegisterWebhookInput', { description: 'A new webhook for an organisation’s notifications.' })
export class RegisterWebhookInput {
  @Field(() => ID, { description: 'The organisation whose notifications it receives.' })
  organisationId!: string;

  @Field({ description: 'https only, never a private, loopback or link-local address (unless the deployment allows them).' })
  url!: string;

  @Field({ description: 'HMAC-SHA256 key of X-Linli-Signature, 32–256 characters; never read back.' })
  secret!: string;

  @Field(() => [NotificationKindEnum], { description: 'The notification kinds to receive (at least one).' })
  kinds!: NotificationKind[];
}

@ObjectType('WebhookDelivery', { description: 'One notification POSTed (or being retried) to a webhook.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the X-Linli-Event-Id header of every attempt.' })
  id!: string;

  @Field(() => Notification, { description: 'The notification delivered.' })
  notification!: Notification;

  @Field(() => Int, { description: 'How many POSTs were tried.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when there was no answer (timeout, refused, address not allowed).' })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt got no answer.' })
  lastError!: string | null;

  @Field(() => String, { description: 'PENDING (retried with backoff for at least 24 h), DELIVERED or FAILED.' })
  status!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an attempt got a 2xx answer; null until then.' })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next attempt is due; null unless PENDING.' })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the delivery was queued.' })
  createdAt!: Date;

  notificationId!: string;
}

export const toDelivery = (d: WebhookDeliveryEntity): WebhookDelivery =>
  Object.assign(new WebhookDelivery(), {
    id: d.id,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    status: d.status,
    deliveredAt: d.deliveredAt,
    nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt : null,
    createdAt: d.createdAt,
    notificationId: d.notificationId,
  });

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');
