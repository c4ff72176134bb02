import { Client } from 'pg';
import { contractOperation } from './contract';
import type { TestStack } from './harness';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One SubmitTicket through the gateway as the caller, optionally with an Idempotency-Key; network failures count as failed answers. */
export async function submitRaw(stack: TestStack, token: string, input: Record<string, unknown>, key?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  try {
    const res = await fetch(stack.url, { method: 'POST', headers, body: JSON.stringify({ query: contractOperation('SubmitTicket'), variables: { input } }) });
    const body = (await res.json()) as { data?: { submitTicket?: { ticket?: { id: string } } } | null; errors?: { extensions?: { code?: string } }[] };
    return { id: body.data?.submitTicket?.ticket?.id ?? null, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  } catch (err) {
    return { id: null, codes: [`network: ${(err as Error).message}`] };
  }
}

/** Runs `work(i)` for i < n with at most `concurrency` in flight. */
export async function pool<T>(n: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

/** Makes a database refuse new connections and drops the open ones, until `restore` (a blip of the database or its network). */
export async function refuseConnections(database: string): Promise<() => Promise<void>> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  return async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await admin.end();
  };
}

