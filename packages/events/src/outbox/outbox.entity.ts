import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * One event waiting in (or already relayed from) the service's own database.
 * It is written in the same transaction as the state change it announces, so
 * the two commit or roll back together (transactional outbox).
 */
export interface OutboxEventRecord {
  /** Filled by the database or defaults: not required when creating a row. */
  [OptionalProps]?: 'seq' | 'publishedAt' | 'attempts' | 'lastError' | 'causationId' | 'traceparent';
  /** Insertion order; the relay publishes in this order. */
  seq: number;
  /** The envelope id (UUID), sent as `Nats-Msg-Id` so re-publishes are dropped by the stream. */
  id: string;
  type: string;
  version: number;
  source: string;
  payload: unknown;
  occurredAt: Date;
  correlationId: string | null;
  /** The event whose handling recorded this one (envelope `causationId`). */
  causationId: string | null;
  /** Trace context of the request or handler that recorded the event: the relay's publish span continues it. */
  traceparent: string | null;
  /** Set only after the transport confirmed the publish; null = still to relay. */
  publishedAt: Date | null;
  /** Failed publish attempts, for operators (the row is retried regardless). */
  attempts: number;
  lastError: string | null;
}

export const OutboxEvent = new EntitySchema<OutboxEventRecord>({
  name: 'OutboxEvent',
  tableName: 'outbox_event',
  properties: {
    seq: { type: 'integer', primary: true, autoincrement: true },
    id: { type: 'uuid', unique: true },
    type: { type: 'string', length: 200 },
    version: { type: 'integer' },
    source: { type: 'string', length: 100 },
    payload: { type: 'json' },
    occurredAt: { type: 'datetime', length: 3 },
    correlationId: { type: 'string', length: 200, nullable: true },
    causationId: { type: 'string', length: 200, nullable: true, default: null },
    // W3C traceparent: 55 characters (version-traceid-spanid-flags).
    traceparent: { type: 'string', length: 64, nullable: true, default: null },
    publishedAt: { type: 'datetime', length: 3, nullable: true, default: null },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true, default: null },
  },
  indexes: [
    // The relay's poll: only the unpublished rows, in seq order. Partial, so published rows (and their dead
    // index entries between vacuums) never lie in its path, however many the service keeps.
    { name: 'outbox_event_unpublished_idx', expression: 'create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null' },
    // Housekeeping: relayed rows oldest first.
    { name: 'outbox_event_published_idx', properties: ['publishedAt'] },
  ],
});
