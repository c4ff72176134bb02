import { LockMode, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/core';
import { dialectOf } from '@linli/events';

// Raw SQL for what the ORM does not express (counter upserts, advisory locks,
// conditional updates), always inside the caller's transaction. MikroORM turns
// `?` into the driver's placeholders, on PostgreSQL and SQLite alike.

/** The rows a raw statement returns, inside the caller's transaction. */
export function sqlRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}

/** A raw write inside the caller's transaction; resolves to the number of rows it changed (conditional updates test it). */
export async function sqlRun(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result = (await em.getConnection().execute(sql, params, 'run', em.getTransactionContext())) as { affectedRows?: number };
  return Number(result.affectedRows ?? 0);
}

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The column of an entity property, from the ORM's metadata (raw SQL never hard-codes a renamed column). */
export function columnOf<T extends object>(em: EntityManager, entity: EntityName<T>, prop: string): string {
  const meta = em.getMetadata().get(entity);
  const p = meta.properties[prop as keyof typeof meta.properties];
  if (!p) throw new Error(`${meta.className} has no property ${prop}`);
  return p.fieldNames[0];
}

export const tableOf = <T extends object>(em: EntityManager, entity: EntityName<T>) => em.getMetadata().get(entity).tableName;

/**
 * Serialises work on one key (a ticket, a firm) until the surrounding
 * transaction ends: two consumer replicas never read-modify-write the same
 * row or evaluate the same rule at once. A transaction-scoped advisory lock
 * works for rows that do not exist yet. SQLite (embedded mode) has a single
 * writer and needs none.
 */
export async function lockKey(em: EntityManager, namespace: string, key: string): Promise<void> {
  if (dialectOf(em) !== 'postgresql') return;
  await sqlRows(em, 'select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [namespace, key]);
}

/** `lockKey` for many keys in one statement, in key order (two batches locking overlapping keys wait for each other instead of deadlocking). */
export async function lockKeys(em: EntityManager, namespace: string, keys: readonly string[]): Promise<void> {
  if (dialectOf(em) !== 'postgresql' || !keys.length) return;
  const sorted = [...new Set(keys)].sort();
  // One placeholder per key: the driver expands an array parameter into a list.
  await sqlRows(em, `select pg_advisory_xact_lock(hashtext(?), hashtext(k)) from unnest(array[${placeholders(sorted.length)}]::text[]) with ordinality as t(k, n) order by n`, [
    namespace,
    ...sorted,
  ]);
}

/** Loads one row locked for update (PostgreSQL) so a concurrent writer (a scheduler, a replica) waits for us. */
export function findForUpdate<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>): Promise<T | null> {
  const lock = dialectOf(em) === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
  return em.findOne(entity, where, lock as never) as Promise<T | null>;
}

/** One counter row's change: the key columns that name the row, and what to add to its counters. */
export interface CounterDelta<T> {
  keys: Partial<Record<keyof T & string, string | number>>;
  deltas: Partial<Record<keyof T & string, number>>;
}

/** Parameters per statement: below SQLite's 32,766 (and PostgreSQL's 65,535); a bulk pass of counters needs few statements. */
const PARAMETERS_PER_STATEMENT = 30_000;

/**
 * Adds each row's `deltas` to the counter row its `keys` name, creating the
 * row (with the deltas as its first values) when missing: one multi-row
 * upsert per 30,000 parameters, in key order, so concurrent writers
 * lock counter rows in the same order and never deadlock, and no update is
 * lost without any read-modify-write to lock against. Every row names the
 * same key properties; each key appears once (net the deltas first); a
 * counter a row does not move is added as 0. Column names come from the
 * entity's metadata, so a renamed property cannot silently miss its column.
 */
export async function addToCounters<T extends object>(em: EntityManager, entity: EntityName<T>, rows: readonly CounterDelta<T>[]): Promise<void> {
  if (!rows.length) return;
  const table = tableOf(em, entity);
  const column = (prop: string) => columnOf(em, entity, prop);
  const keyProps = Object.keys(rows[0].keys) as (keyof T & string)[];
  const deltaProps = [...new Set(rows.flatMap((r) => Object.keys(r.deltas).filter((p) => r.deltas[p as keyof T & string] !== undefined)))] as (keyof T & string)[];
  const keyOf = (r: CounterDelta<T>) => keyProps.map((p) => String(r.keys[p])).join('\u0000');
  const sorted = rows.map((r) => ({ r, key: keyOf(r) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const cols = [...keyProps, ...deltaProps].map(column);
  const update = deltaProps.length
    ? `do update set ${deltaProps.map((p) => `${column(p)} = ${table}.${column(p)} + excluded.${column(p)}`).join(', ')}`
    : 'do nothing';
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / cols.length));
  for (let i = 0; i < sorted.length; i += perStatement) {
    const chunk = sorted.slice(i, i + perStatement);
    const values = chunk.flatMap(({ r }) => [...keyProps.map((p) => r.keys[p]), ...deltaProps.map((p) => r.deltas[p] ?? 0)]);
    const tuples = chunk.map(() => `(${placeholders(cols.length)})`).join(', ');
    await sqlRun(em, `insert into ${table} (${cols.join(', ')}) values ${tuples} on conflict (${keyProps.map(column).join(', ')}) ${update}`, values);
  }
}
