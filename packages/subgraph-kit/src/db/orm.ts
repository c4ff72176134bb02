import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MikroORM, type AnyEntity, type EntityClass, type EntitySchema, type Options } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from '@linli/platform';
import type { MigrationList } from './migrations';

/** Where a service keeps its data: its own PostgreSQL database, or an SQLite file (embedded mode). */
export type DatabaseTarget = { driver: 'postgresql'; url: string } | { driver: 'sqlite'; file: string };

export type EntityDefinition = EntityClass<AnyEntity> | EntitySchema<any, any>;

export interface OrmOptions {
  service: string;
  target: DatabaseTarget;
  entities: EntityDefinition[];
  /** PostgreSQL migrations of the service, in order (SQLite is kept in step by schema update). */
  migrations: MigrationList;
  logger: Logger;
  /** Size of the PostgreSQL pool per process. */
  poolSize?: number;
  /** Called with every SQL statement (tests and benchmarks count statements per request). */
  onQuery?: (sql: string) => void;
}

export function databaseTarget(service: string, databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  return databaseUrl ? { driver: 'postgresql', url: databaseUrl } : { driver: 'sqlite', file: path.join(dataDir, `${service}.db`) };
}

/** Creates the service's PostgreSQL database when it does not exist yet (first start, new test run). */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`DATABASE_URL: unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      // C collation: btree indexes serve `path LIKE '/a/b/%'` subtree queries, and
      // name ordering is the same on every server.
      await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`).catch((e: { code?: string }) => {
        // Created meanwhile by a replica: 42P04, or 23505 when both inserted the catalogue row at once.
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      });
    }
  } finally {
    await client.end();
  }
}

export function ormConfig(opts: OrmOptions): Options {
  const common = {
    entities: opts.entities,
    // Services fork an EntityManager per request and per event; the global one must never be used.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    debug: opts.onQuery ? (['query'] as const).slice() : false,
    highlighter: undefined,
    // Migrator and ORM messages go to the service's structured log, not the console;
    // with `onQuery`, every statement is also handed to the counter.
    logger: (message: string) => {
      // eslint-disable-next-line no-control-regex
      const plain = message.replace(/\x1b\[[0-9;]*m/g, '');
      if (opts.onQuery && plain.startsWith('[query]')) opts.onQuery(plain.slice(8));
      else opts.logger.debug({ component: 'orm' }, message);
    },
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: opts.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts' as const,
    },
  };
  if (opts.target.driver === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: opts.target.url, pool: { min: 0, max: opts.poolSize ?? 10 } };
  }
  return { ...common, driver: LibSqlDriver, dbName: opts.target.file };
}

/**
 * Opens the service's database and brings its schema up to date: migrations on
 * PostgreSQL (under an advisory lock, so replicas starting together migrate
 * once), schema update on embedded SQLite.
 */
export async function openDatabase(opts: OrmOptions): Promise<MikroORM> {
  if (opts.target.driver === 'postgresql') {
    await ensurePostgresDatabase(opts.target.url);
  } else {
    mkdirSync(path.dirname(opts.target.file), { recursive: true });
  }
  const orm = await MikroORM.init(ormConfig(opts));
  if (opts.target.driver === 'postgresql') {
    const conn = orm.em.getConnection();
    const lock = `linli:migrations:${opts.service}`;
    const knex = (conn as unknown as { getKnex(): import('@mikro-orm/postgresql').Knex }).getKnex();
    await knex.transaction(async (trx) => {
      // A transaction-scoped advisory lock: released on commit, whatever happens.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [lock]);
      const applied = await orm.getMigrator().up();
      if (applied.length) opts.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    });
  } else {
    await orm.schema.updateSchema({ safe: false, dropTables: false });
    // Concurrent readers while the relay and consumers write (embedded mode shares one process).
    await orm.em.getConnection().execute('PRAGMA journal_mode = WAL;');
    await orm.em.getConnection().execute('PRAGMA busy_timeout = 5000;');
  }
  return orm;
}

export function isPostgres(orm: MikroORM): boolean {
  return orm.config.get('driver') === PostgreSqlDriver;
}
