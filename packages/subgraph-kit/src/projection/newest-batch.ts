import type { EntityManager } from '@mikro-orm/core';
import type { BatchHandler, EventDefinition, EventEnvelope } from '@linli/events';

export interface NewestPerKeyOptions<R> {
  definitions: readonly EventDefinition<string, any>[];
  /** The copy's row an event writes (a person, a household). */
  keyOf: (e: EventEnvelope<string, any>) => string;
  /** Whether `a` replaces `b` in the copy (the one-event handler's rule; a tie goes to the later). */
  supersedes: (a: EventEnvelope<string, any>, b: EventEnvelope<string, any>) => boolean;
  /** The rows held for these keys, in one query (a key without a row is absent). */
  load: (em: EntityManager, keys: string[]) => Promise<Map<string, R>>;
  /** The one-event handler of a copy that keeps only each row's newest state (newest-wins, idempotent), told the row it holds (null: none). */
  apply: (em: EntityManager, e: EventEnvelope<string, any>, held: R | null) => Promise<void>;
}

/**
 * A batch handler for a copy that keeps only the newest state of each row:
 * of a run, only each row's newest event can end up held (applying an older
 * one first changes nothing the newer one does not replace), so that one
 * goes to the one-event handler, told the row one query read for the run.
 */
export function newestPerKeyBatch<R>(opts: NewestPerKeyOptions<R>): BatchHandler {
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
      const rows = await opts.load(em, [...newest.keys()]);
      for (const [key, e] of newest) await opts.apply(em, e, rows.get(key) ?? null);
    },
  };
}
