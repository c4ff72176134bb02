import { Client } from 'pg';
import { uniqueName } from './names';

export interface TestDatabase {
  /** Connection URL of the fresh database (same server and user as the admin URL). */
  url: string;
  name: string;
  /** Terminates the database's connections and drops it. */
  drop(): Promise<void>;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = adminUrl();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'linli-testing' });
  // An idle client whose server goes away emits 'error'; unhandled it would crash the jest worker.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    // Integration tests need the real database: fail loudly, never skip.
    throw new Error(
      `PostgreSQL is unreachable at ${redact(url)} (${(err as Error).message}). ` +
        'Start PostgreSQL or point TEST_DATABASE_URL at an admin connection URL.',
      { cause: err },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates an empty, uniquely named PostgreSQL database for one test file, so
 * suites running in parallel never share state. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = uniqueName('t', label);
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  let dropped = false;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdmin(async (client) => {
        // A pool the test forgot to close would otherwise make DROP DATABASE fail.
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

/**
 * A database outage for fault tests: the database refuses new connections and
 * its open ones are terminated, until the returned function lets them in again.
 */
export async function refuseConnections(database: string): Promise<() => Promise<void>> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  return async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await admin.end();
  };
}
