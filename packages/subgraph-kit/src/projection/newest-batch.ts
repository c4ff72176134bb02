import type { EntityManager } from '@mikro-orm/core';
import type { BatchHandler, EventDefinition, EventEnvelope, EventHandlers } from '@linli/events';

export interface NewestPerKeyOptions {
  definitions: readonly EventDefinition<string, any>[];
  /** The copy's row an event writes (a person, a household). */
  keyOf: (e: EventEnvelope<string, any>) => string;
  /** Whether `a` replaces `b` in the copy (the one-event handler's rule; a tie goes to the later). */
  supersedes: (a: EventEnvelope<string, any>, b: EventEnvelope<string, any>) => boolean;
  /** The one-event handlers of a copy that keeps only each row's newest state (newest-wins, idempotent). */
  handlers: EventHandlers;
  /** Loads the rows of these keys into the unit of work, so the handlers' lookups by key cost no query. */
  prefetch: (em: EntityManager, keys: string[]) => Promise<unknown>;
}

/**
 * A batch handler for a copy that keeps only the newest state of each row:
 * of a run, only each row's newest event can end up held (applying an older
 * one first changes nothing the newer one does not replace), so that one
 * goes to the one-event handler, after one query loads the run's rows.
 */
export function newestPerKeyBatch(opts: NewestPerKeyOptions): BatchHandler {
  return {
    definitions: opts.definitions,
    apply: async (em, events) => {
      const newest = new Map<string, EventEnvelope>();
      for (const e of events) {
        const key = opts.keyOf(e);
        const held = newest.get(key);
        // `!supersedes(held, e)`: a tie goes to the later event, as one by one.
        if (!held || !opts.supersedes(held, e)) newest.set(key, e);
      }
      await opts.prefetch(em, [...newest.keys()]);
      for (const e of newest.values()) await opts.handlers[e.type]?.(em, e);
    },
  };
}
