import { raw, type EntityManager, type ObjectQuery } from '@mikro-orm/core';
import type { Cursor } from './connection';

/**
 * Rows past a keyset cursor, `(created_at, id) < (at, id)` (newest first;
 * `>` for oldest-first feeds such as `ticketChanges` on `updated_at`), as
 * one row-value comparison (PostgreSQL; SQLite ≥ 3.15): the planner uses it
 * as the bound of an index range scan on `(…, created_at, id)`, so the page
 * after k rows reads `first + 1` index entries, not k. Spelled as
 * `created_at < X or (created_at = X and id < Y)` the same condition is only
 * a filter, and a deep page scans every row before it.
 *
 * A raw fragment is consumed by the query that uses it: build one per query.
 */
export function keysetPast<T extends object>(em: EntityManager, cursor: Cursor, opts: { column?: string; direction?: '<' | '>' } = {}): ObjectQuery<T> {
  const at = em.getPlatform().processDateProperty(cursor.createdAt);
  const column = opts.column ?? 'created_at';
  return { [raw((alias) => `(${alias ? `${alias}.` : ''}${column}, ${alias ? `${alias}.` : ''}id) ${opts.direction ?? '<'} (?, ?)`, [at, cursor.id])]: [] } as ObjectQuery<T>;
}
