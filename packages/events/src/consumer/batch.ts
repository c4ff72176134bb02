import type { EntityManager } from '@mikro-orm/core';
import type { EventDefinition, EventEnvelope } from '../contracts/envelope';
import type { EventHandlers } from './idempotent';

/**
 * Applies a run of events of its `types` in one transaction with the effect
 * the service's one-event handlers have applying them one by one in the same
 * order: the same rows, counters and consequences (events it records may be
 * fewer where a later one in the run supersedes an earlier one; each handler
 * says so). Bulk paths use it (the district seed, a replay): a run of
 * thousands of events costs a few statements instead of a few per event. The
 * live consumer still applies one event per transaction with its
 * processed-event row. Every batch handler has a test that applies the same
 * history both ways and compares.
 */
export interface BatchHandler<EM extends EntityManager = EntityManager> {
  /** The event types (at the versions given) it applies; others are not its to apply. */
  definitions: readonly EventDefinition<string, any>[];
  apply(em: EM, events: readonly EventEnvelope<string, any>[]): Promise<void>;
}

const accepts = (h: BatchHandler<any>, e: EventEnvelope) => h.definitions.some((d) => d.type === e.type && d.version === e.version);

/** Whether a service with these handlers consumes the event (a one-event handler for its type, or a batch handler for its type and version). */
export const consumes = (handlers: EventHandlers<any>, batches: readonly BatchHandler<any>[], e: EventEnvelope) => !!handlers[e.type] || batches.some((b) => accepts(b, e));

/**
 * Events in order through a service's handlers in the caller's transaction:
 * each maximal run of events one batch handler accepts goes to it at once,
 * every other event to its one-event handler; types with neither are
 * skipped, as the service's subscription would, and do not end a run.
 */
export async function applyInOrder<EM extends EntityManager>(
  em: EM,
  all: readonly EventEnvelope[],
  handlers: EventHandlers<EM>,
  batches: readonly BatchHandler<EM>[] = [],
): Promise<void> {
  // An event the service does not consume has no effect: it does not end a run (a register's stream interleaves types).
  const events = all.filter((e) => consumes(handlers, batches, e));
  for (let i = 0; i < events.length; ) {
    const batch = batches.find((b) => accepts(b, events[i]));
    if (!batch) {
      await handlers[events[i].type]?.(em, events[i]);
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < events.length && accepts(batch, events[end])) end += 1;
    await batch.apply(em, events.slice(i, end));
    i = end;
  }
}
