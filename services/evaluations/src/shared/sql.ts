import { LockMode, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/core';
import { dialectOf } from '@linli/events';

/** Raw SQL inside the caller's transaction (MikroORM turns `?` into the driver's placeholders). */
export function execute<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Serialises work on one key (a ticket, a firm) until the surrounding
 * transaction ends: two consumer replicas never read-modify-write the same
 * ticket or evaluate the same firm's rectification rule at once. A
 * transaction-scoped advisory lock works for rows that do not exist yet.
 * SQLite (embedded mode) has a single writer and needs none.
 */
export async function lockKey(em: EntityManager, namespace: string, key: string): Promise<void> {
  if (dialectOf(em) !== 'postgresql') return;
  await execute(em, 'select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [namespace, key]);
}

/**
 * `lockKey` for many keys in one statement, in key order (two batches locking
 * overlapping keys wait for each other instead of deadlocking).
 */
export async function lockKeys(em: EntityManager, namespace: string, keys: readonly string[]): Promise<void> {
  if (dialectOf(em) !== 'postgresql' || !keys.length) return;
  const sorted = [...new Set(keys)].sort();
  // One placeholder per key: the driver expands an array parameter into a list.
  await execute(em, `select pg_advisory_xact_lock(hashtext(?), hashtext(k)) from unnest(array[${placeholders(sorted.length)}]::text[]) with ordinality as t(k, n) order by n`, [
    namespace,
    ...sorted,
  ]);
}

/** Loads one row locked for update (PostgreSQL) so a concurrent writer (a scheduler, a replica) waits for us. */
export function findForUpdate<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>): Promise<T | null> {
  const lock = dialectOf(em) === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
  return em.findOne(entity, where, lock as never) as Promise<T | null>;
}

/** The column of an entity property, from the ORM's metadata (raw SQL never hard-codes a renamed column). */
export function columnOf<T extends object>(em: EntityManager, entity: EntityName<T>, prop: string): string {
  const meta = em.getMetadata().get(entity);
  const p = meta.properties[prop as keyof typeof meta.properties];
  if (!p) throw new Error(`${meta.className} has no property ${prop}`);
  return p.fieldNames[0];
}

export const tableOf = <T extends object>(em: EntityManager, entity: EntityName<T>) => em.getMetadata().get(entity).tableName;

/**
 * Adds `deltas` to a counter row identified by `keys`, creating it (with the
 * deltas as its first values) when missing, in one atomic statement. Two
 * transactions adding to the same row never lose an update, and there is no
 * read-modify-write race to lock against. Column names come from the entity's
 * metadata, so a renamed property cannot silently miss its column.
 */
export function addToCounters<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  keys: Partial<Record<keyof T & string, string>>,
  deltas: Partial<Record<keyof T & string, number>>,
): Promise<void> {
  const moved = Object.fromEntries(Object.entries(deltas).filter(([, v]) => v !== undefined)) as typeof deltas;
  return addToCountersMany(em, entity, [{ keys, deltas: moved }]);
}

/** Rows of counter deltas per statement: (keys + counters) parameters each stay far below PostgreSQL's 65,535. */
const COUNTER_ROWS_PER_STATEMENT = 2_000;

/**
 * `addToCounters` for many rows: one multi-row upsert per 2,000 rows, in key
 * order (concurrent writers lock counter rows in the same order). Each key
 * must appear once (sum the deltas first); a counter a row does not move is
 * added as 0.
 */
export async function addToCountersMany<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: readonly { keys: Partial<Record<keyof T & string, string>>; deltas: Partial<Record<keyof T & string, number>> }[],
): Promise<void> {
  if (!rows.length) return;
  const table = tableOf(em, entity);
  const column = (prop: string) => columnOf(em, entity, prop);
  const keyProps = Object.keys(rows[0].keys) as (keyof T & string)[];
  const deltaProps = [...new Set(rows.flatMap((r) => Object.keys(r.deltas)))] as (keyof T & string)[];
  const keyOf = (r: (typeof rows)[number]) => keyProps.map((p) => r.keys[p]).join('\u0000');
  const sorted = [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const cols = [...keyProps, ...deltaProps].map(column);
  const update = deltaProps.length
    ? `do update set ${deltaProps.map((p) => `${column(p)} = ${table}.${column(p)} + excluded.${column(p)}`).join(', ')}`
    : 'do nothing';
  for (let i = 0; i < sorted.length; i += COUNTER_ROWS_PER_STATEMENT) {
    const chunk = sorted.slice(i, i + COUNTER_ROWS_PER_STATEMENT);
    const values = chunk.flatMap((r) => [...keyProps.map((p) => r.keys[p]), ...deltaProps.map((p) => r.deltas[p] ?? 0)]);
    const tuples = chunk.map(() => `(${placeholders(cols.length)})`).join(', ');
    await execute(em, `insert into ${table} (${cols.join(', ')}) values ${tuples} on conflict (${keyProps.map(column).join(', ')}) ${update}`, values);
  }
}
