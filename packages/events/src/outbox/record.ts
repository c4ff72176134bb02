import type { EntityManager, RequiredEntityData } from '@mikro-orm/core';
import { chunked } from '@linli/platform';
import { createEnvelope, type EnvelopeMeta, type EventDefinition, type EventEnvelope } from '../contracts/envelope';
import { OutboxEvent, type OutboxEventRecord } from './outbox.entity';

/** Transactions (their driver contexts) in which an event was recorded: a consumer nudges its relay after committing one. */
const recordedIn = new WeakSet<object>();
const markRecorded = (em: EntityManager) => {
  const ctx = em.getTransactionContext<object>();
  if (ctx) recordedIn.add(ctx);
};

/** True when an event was recorded in this transaction context (`em.getTransactionContext()`). */
export const recordedEventsIn = (ctx: object | undefined): boolean => !!ctx && recordedIn.has(ctx);

const rowOf = (envelope: EventEnvelope): RequiredEntityData<OutboxEventRecord> => ({
  id: envelope.id,
  type: envelope.type,
  version: envelope.version,
  source: envelope.source,
  payload: envelope.payload,
  occurredAt: new Date(envelope.occurredAt),
  correlationId: envelope.correlationId,
  causationId: envelope.causationId ?? null,
  traceparent: envelope.traceparent ?? null,
});

/**
 * Records an event in the caller's unit of work. Nothing is written until the
 * caller flushes or commits, together with the state change the event
 * announces; a rollback discards both. Never call it from ORM hooks or after
 * the commit: that would reintroduce the dual write the outbox exists to avoid.
 */
export function recordEvent<T extends string, P>(em: EntityManager, def: EventDefinition<T, P>, payload: P, meta: EnvelopeMeta): EventEnvelope<T, P> {
  const envelope = createEnvelope(def, payload, meta);
  em.persist(em.create(OutboxEvent, rowOf(envelope)));
  markRecorded(em);
  return envelope;
}

/** Rows an insert carries (10 parameters each: far under either database's limit). */
const INSERT_CHUNK = 1_000;

/**
 * Records many events of one type at once: written now, in one multi-row
 * insert per thousand, in the caller's transaction (so still committed or
 * rolled back with it), without the unit of work's per-row bookkeeping, for
 * handlers that announce thousands of rows a batch. The caller's pending
 * changes are flushed first, so events recorded before keep their earlier
 * place in the outbox.
 */
export async function recordEventsNow<T extends string, P>(em: EntityManager, def: EventDefinition<T, P>, items: readonly { payload: P; meta: EnvelopeMeta }[]): Promise<EventEnvelope<T, P>[]> {
  if (!items.length) return [];
  await em.flush();
  const envelopes = items.map(({ payload, meta }) => createEnvelope(def, payload, meta));
  markRecorded(em);
  for (const chunk of chunked(envelopes, INSERT_CHUNK)) {
    await em.insertMany<OutboxEventRecord>(OutboxEvent, chunk.map(rowOf));
  }
  return envelopes;
}
