import { Client } from 'pg';
import { createTestDatabase } from './database';

async function exists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return r.rows.length === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase (real PostgreSQL)', () => {
  it('creates a fresh database and drops it even with open connections', async () => {
    const db = await createTestDatabase('testing-db');
    expect(db.name).toMatch(/^t_testing_db_/);
    expect(await exists(db.name)).toBe(true);

    const open = new Client({ connectionString: db.url });
    open.on('error', () => undefined); // terminated by drop()
    await open.connect();
    const r = await open.query<{ db: string }>('SELECT current_database() AS db');
    expect(r.rows[0].db).toBe(db.name);

    await db.drop();
    expect(await exists(db.name)).toBe(false);
    await open.end().catch(() => undefined);
  });

  it('fails with a clear message when PostgreSQL is unreachable', async () => {
    const saved = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/postgres';
    try {
      await expect(createTestDatabase('nowhere')).rejects.toThrow(/PostgreSQL is unreachable at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres/);
    } finally {
      if (saved === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = saved;
    }
  });
});
