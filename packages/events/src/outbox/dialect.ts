import type { EntityManager } from '@mikro-orm/core';

export type SqlDialect = 'postgresql' | 'sqlite' | 'other';

/**
 * Which database the ORM talks to, read from its platform class so this
 * package needs neither driver installed. SQLite (embedded mode) has no row
 * locks and one writer at a time; server databases get `SKIP LOCKED`.
 */
export function dialectOf(em: EntityManager): SqlDialect {
  let proto: unknown = Object.getPrototypeOf(em.getPlatform());
  while (proto && proto !== Object.prototype) {
    const name = (proto as { constructor: { name: string } }).constructor.name;
    if (/postgre/i.test(name)) return 'postgresql';
    if (/sqlite|libsql/i.test(name)) return 'sqlite';
    proto = Object.getPrototypeOf(proto);
  }
  return 'other';
}
