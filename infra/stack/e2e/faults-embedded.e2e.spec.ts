import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { mintToken, waitFor } from '@linli/testing';
import { startTestStack, type Caller, type GqlResult, type TestStack } from './harness';
import { buildTerritory, type Territory } from './tickets.fixtures';
import { deductedTickets, rateBadly } from './faults.support';

const REPO = path.resolve(__dirname, '../../..');

/** `npm start` as a process of its own (the built embedded launcher) on a data directory, with a client for its gateway. */
async function startEmbedded(dataDir: string, port: number): Promise<{ child: ChildProcess; stack: TestStack; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, [path.join(REPO, 'infra/stack/dist/cli/embedded.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(async () => expect((await fetch(new URL('/health/ready', url)).catch(() => null))?.status).toBe(200), { timeoutMs: 120_000, intervalMs: 250 }).catch((e) => {
    child.kill('SIGKILL');
    throw new Error(`the embedded stack did not start: ${(e as Error).message}\n${output}`);
  });
  // What the fixtures use of a test stack: its gateway, with development tokens (embedded mode accepts them).
  const gql = async (query: string, variables: Record<string, unknown> = {}, as: Caller | null = null): Promise<GqlResult<any>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as) headers.authorization = `Bearer ${await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] })}`;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as GqlResult<any>;
    return { status: res.status, data: body.data, errors: body.errors };
  };
  return { child, stack: { gql } as unknown as TestStack, output: () => output };
}

/** A service's SQLite file opened beside the stack (no entities: raw statements only). */
const sqliteFile = (dataDir: string, service: string) =>
  openDatabase({ service, target: { driver: 'sqlite', file: path.join(dataDir, `${service}.db`) }, entities: [], migrations: [], logger: createLogger('test', 'silent') });

/**
 * Issue 11's embedded row: `npm start` killed while its evaluations consumer
 * waits on the SQLite write lock. The in-process bus used to mark an event
 * published once queued in memory, so the ratings were lost with the process;
 * now the outbox row stays unpublished until every consumer committed it, and
 * the restarted process delivers it.
 */
describe('faults (embedded): killed while a consumer waits on the SQLite lock', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-embedded-kill-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let t: Territory;
  let running: ChildProcess | null = null;

  beforeAll(async () => {
    // The territory through the contract, in this process, on the same files; then the process of its own takes over.
    const setup = await startTestStack('embedded', 'embedded-kill', { dataDir });
    try {
      t = await buildTerritory(setup);
    } finally {
      await setup.stop();
    }
  }, 120_000);
  afterAll(async () => {
    running?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts every rating once after a restart: nothing is lost with the killed process', async () => {
    const first = await startEmbedded(dataDir, port);
    running = first.child;
    // Another writer holds the evaluations database: its consumer waits for the lock.
    let lock: MikroORM | null = await sqliteFile(dataDir, 'evaluations');
    const releaseLock = async () => {
      await lock?.em.getConnection().execute('ROLLBACK').catch(() => undefined);
      await lock?.close(true);
      lock = null;
    };
    let rated: string[];
    try {
      await lock.em.getConnection().execute('BEGIN IMMEDIATE');
      rated = [];
      for (let i = 0; i < 5; i++) rated.push(await rateBadly(first.stack, t, `被杀时的评价 ${i}`));
      // Killed while the ratings wait for the evaluations consumer.
      const exited = new Promise((r) => first.child.once('exit', r));
      first.child.kill('SIGKILL');
      await exited;
      running = null;
    } finally {
      await releaseLock();
    }

    // What the killed process left: the ratings still in its outbox, unpublished (the bus had not marked them sent).
    const tickets = await sqliteFile(dataDir, 'tickets');
    try {
      const rows = await tickets.em.getConnection().execute(`select count(*) as n from outbox_event where type = 'tickets.ticket.rated' and published_at is null`);
      expect(Number(rows[0].n)).toBeGreaterThanOrEqual(rated.length);
    } finally {
      await tickets.close(true);
    }

    const second = await startEmbedded(dataDir, port);
    running = second.child;
    await waitFor(async () => expect([...(await deductedTickets(second.stack, t, rated)).values()]).toEqual(rated.map(() => 1)), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    // And stays once: nothing left to deliver counts again.
    await new Promise((r) => setTimeout(r, 2_000));
    expect([...(await deductedTickets(second.stack, t, rated)).values()]).toEqual(rated.map(() => 1));
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    running = null;
  }, 300_000);
});
