import type { EntityManager } from '@mikro-orm/core';

/** Raw SQL rows inside the caller's transaction (MikroORM turns `?` into the driver's placeholders). */
export function all<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}

/** A raw write inside the caller's transaction; resolves to the number of rows it changed (conditional updates test it). */
export async function run(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result = (await em.getConnection().execute(sql, params, 'run', em.getTransactionContext())) as { affectedRows?: number };
  return Number(result.affectedRows ?? 0);
}

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
