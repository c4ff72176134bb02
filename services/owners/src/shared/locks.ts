import { LockMode, type EntityManager } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * Row locks for the surrounding transaction on PostgreSQL (`FOR UPDATE` /
 * `FOR SHARE`). SQLite (embedded mode) has a single writer, so no lock is
 * needed there and none is asked for.
 */
export function lockFor(em: EntityManager, mode: 'update' | 'share'): { lockMode?: LockMode } {
  if (!(em.getDriver() instanceof PostgreSqlDriver)) return {};
  return { lockMode: mode === 'update' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ };
}
