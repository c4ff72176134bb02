import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { conflict } from '@linli/platform';

/**
 * Flushes inside the caller's transaction, turning a unique-key race (two
 * requests passing the same pre-check at once) into the CONFLICT the
 * pre-check would have given, instead of an internal error.
 */
export async function flushOrConflict(em: EntityManager, message: string): Promise<void> {
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw conflict(message);
    throw e;
  }
}
