import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEnvelope } from '../contracts/envelope';

/**
 * The event a consumer is applying, so events its handler records are tied
 * to it without every handler passing it along: they keep its
 * `correlationId` (the id of the request that started the chain) and name it
 * as their `causationId`.
 */
const handling = new AsyncLocalStorage<Pick<EventEnvelope, 'id' | 'correlationId'>>();

export function withCause<T>(envelope: EventEnvelope, work: () => Promise<T>): Promise<T> {
  return handling.run({ id: envelope.id, correlationId: envelope.correlationId }, work);
}

/** The event being handled in this async context, if any. */
export const currentCause = () => handling.getStore();
