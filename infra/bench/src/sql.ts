import { Client } from 'pg';

/** One query on its own short-lived connection: the bench reads a few figures from a seeded database, never in a hot loop. */
export async function queryRows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
