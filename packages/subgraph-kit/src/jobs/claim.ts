import { LockMode, type EntityManager, type EntityName, type FilterQuery, type FindOptions } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * Finds rows a scheduler should act on and locks them for the surrounding
 * transaction. On PostgreSQL this is `FOR UPDATE SKIP LOCKED`: a second
 * replica running the same pass skips the rows the first holds, so no row is
 * acted on twice and none is missed (whatever one replica leaves, the next
 * pass picks up). SQLite (embedded mode) has one process and a single writer.
 * Call it inside `em.transactional` and re-check each row's state before
 * acting (it may have changed since the pass started).
 */
export function claimDue<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: FindOptions<T, any, any, any> & { limit: number },
): Promise<T[]> {
  const postgres = em.getDriver() instanceof PostgreSqlDriver;
  return em.find(entity, where, postgres ? { ...options, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : options) as Promise<T[]>;
}
