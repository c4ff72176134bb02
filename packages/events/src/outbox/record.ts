import type { EntityManager } from '@mikro-orm/core';
import { createEnvelope, type EnvelopeMeta, type EventDefinition, type EventEnvelope } from '../contracts/envelope';
import { OutboxEvent } from './outbox.entity';

/**
 * Records an event in the caller's unit of work. Nothing is written until the
 * caller flushes or commits, together with the state change the event
 * announces; a rollback discards both. Never call it from ORM hooks or after
 * the commit: that would reintroduce the dual write the outbox exists to avoid.
 */
export function recordEvent<T extends string, P>(em: EntityManager, def: EventDefinition<T, P>, payload: P, meta: EnvelopeMeta): EventEnvelope<T, P> {
  const envelope = createEnvelope(def, payload, meta);
  em.persist(
    em.create(OutboxEvent, {
      id: envelope.id,
      type: envelope.type,
      version: envelope.version,
      source: envelope.source,
      payload: envelope.payload,
      occurredAt: new Date(envelope.occurredAt),
      correlationId: envelope.correlationId,
      causationId: envelope.causationId ?? null,
      traceparent: envelope.traceparent ?? null,
    }),
  );
  return envelope;
}
