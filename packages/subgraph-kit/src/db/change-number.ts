import { OptimisticLockError, type EntityClass, type EntityManager } from '@mikro-orm/core';

/**
 * An aggregate whose events other services copy: `version` is its change
 * number (1 at creation, +1 per change), sent as `sequence` in its events so
 * every copy applies them in the producer's order whatever the delivery order
 * (`supersedes` in @linli/events), clocks notwithstanding.
 */
export interface Versioned {
  id: string;
  version: number;
}

/**
 * Counts a change of the aggregate and returns its number, the `sequence` of
 * the event announcing it. The new number is written at once, and only over
 * the number this transaction read (the statement waits for a concurrent
 * writer of the row to commit): two concurrent changes never get one number,
 * and none announces a state built on a stale read; the later fails with
 * OptimisticLockError, answered CONFLICT (read again, retry).
 */
export async function countChange(em: EntityManager, row: Versioned): Promise<number> {
  const read = row.version;
  const entity = row.constructor as EntityClass<Versioned>;
  const written = await em.nativeUpdate(entity, { id: row.id, version: read }, { version: read + 1 });
  if (written !== 1) throw OptimisticLockError.lockFailed(row);
  row.version = read + 1;
  return row.version;
}
