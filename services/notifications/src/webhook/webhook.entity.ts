import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An organisation's endpoint for its notifications (SMS or WeChat gateways of its own). */
@Entity({ tableName: 'webhook' })
@Index({ properties: ['organisationId', 'active'] })
export class WebhookEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  organisationId!: string;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  /** HMAC key of the signatures; written once, never read back through the API. */
  @Property({ type: 'string', length: 256, lazy: true })
  secret!: string;

  @Property({ type: 'json' })
  kinds!: string[];

  @Property({ type: 'boolean' })
  active!: boolean;

  @Property({ type: 'string', length: 64 })
  createdById!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/**
 * One notification to POST to one webhook: the durable retry queue. The body
 * is fixed when the row is made, so every attempt carries the same signature
 * and the same `X-Linli-Event-Id` (the row id), which receivers dedupe by.
 */
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['webhookId', 'createdAt', 'id'] })
export class WebhookDeliveryEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  webhookId!: string;

  @Property({ type: 'string', length: 36 })
  notificationId!: string;

  @Property({ type: 'text' })
  body!: string;

  /** `PENDING` (to be tried at `nextAttemptAt`), `DELIVERED` or `FAILED` (retries exhausted or webhook disabled). */
  @Property({ type: 'string', length: 16 })
  status!: 'PENDING' | 'DELIVERED' | 'FAILED';

  @Property({ type: 'integer' })
  attempts!: number;

  /** HTTP status of the last attempt; null when it got no answer (timeout, refused, address not allowed). */
  @Property({ type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Property({ type: 'string', length: 200, nullable: true })
  lastError!: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt!: Date | null;

  /** Next attempt while PENDING; while an attempt runs, the end of its lease (a crashed worker's row is retried then). */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt!: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
