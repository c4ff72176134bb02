import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { createTestNats, mintToken, waitFor } from '@linli/testing';
import { contractOperation } from './contract';
import { dropServiceDatabases } from './harness';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LAUNCHER = path.resolve(__dirname, '../dist/cli/distributed.js');
/** The stack's own secret: outside embedded mode the development secret is refused. */
const SECRET = randomBytes(32).toString('hex');

/**
 * `npm run start:distributed` for real: every subgraph (grids twice) and the
 * gateway as separate processes on PostgreSQL and NATS JetStream, started from
 * the built dist/ as an operator would.
 */
describe('the distributed stack as separate processes', () => {
  const base = `t_dist_${Math.random().toString(36).slice(2, 8)}`;
  const port = 20_000 + Math.floor(Math.random() * 2_000) * 10;
  const gateway = `http://127.0.0.1:${port}/graphql`;
  const nats = createTestNats('dist');
  let child: ChildProcess;
  let output = '';

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const token = await mintToken({ sub: 'admin', roles: ['SYSTEM_ADMIN'], secret: SECRET });
    const res = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: any; errors?: any[] };
  };
  const sql = async <T>(db: string, query: string): Promise<T[]> => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${db}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query(query)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${base}`;
    child = spawn(process.execPath, [LAUNCHER], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url.toString(),
        NATS_URL: nats.servers,
        NATS_STREAM: nats.streamName,
        EVENT_SUBJECT_PREFIX: nats.subjectPrefix,
        REPLICAS: 'grids:2',
        LOG_LEVEL: 'warn',
        AUTH_JWT_SECRET: SECRET,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b) => (output += b));
    child.stderr!.on('data', (b) => (output += b));
    await waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
      return res?.status === 200;
    }, { timeoutMs: 120_000, intervalMs: 250 }).catch((e) => {
      throw new Error(`stack not ready: ${e.message}\n${output}`);
    });
  }, 150_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropServiceDatabases(base);
    await nats.cleanup();
  });

  it('serves the slice across processes; two grids replicas share the durable consumer, each event applied once', async () => {
    const district = (await gql(contractOperation('CreateOrganisation'), { input: { name: '莲湖区', kind: 'DISTRICT' } })).data.createOrganisation.organisation;
    const street = (await gql(contractOperation('CreateOrganisation'), { input: { name: '街道', kind: 'STREET', parentId: district.id } })).data.createOrganisation.organisation;
    const communities: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await gql(contractOperation('CreateOrganisation'), { input: { name: `社区${i}`, kind: 'COMMUNITY', parentId: street.id } });
      communities.push(r.data.createOrganisation.organisation.id);
    }
    const events = 2 + communities.length;
    // Both replicas write to linli_grids; every event has exactly one processed row and one projection row.
    await waitFor(async () => {
      const [{ n }] = await sql<{ n: string }>(`${base}_grids`, `select count(*) as n from processed_event where consumer = 'grids'`);
      expect(Number(n)).toBe(events);
    }, { timeoutMs: 15_000 });
    const [{ n: nodes }] = await sql<{ n: string }>(`${base}_grids`, 'select count(*) as n from org_node');
    expect(Number(nodes)).toBe(events);

    const grid = await gql(`mutation($i: CreateGridInput!) { createGrid(input: $i) { grid { code community { name parent { name } } } } }`, {
      i: { code: 'D-01', name: '一网格', level: 'COMMUNITY_AREA', communityId: communities[0], households: 30, residents: 80 },
    });
    expect(grid.errors).toBeUndefined();
    expect(grid.data.createGrid.grid).toEqual({ code: 'D-01', community: { name: '社区0', parent: { name: '街道' } } });
  });

  it('refuses tokens signed with the development secret', async () => {
    const token = await mintToken({ sub: 'admin', roles: ['SYSTEM_ADMIN'] });
    const res = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"query":"{ __typename }"}' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});

describe('a distributed process without its own token secret (issue #10, hole 3)', () => {
  // NODE_ENV unset, as the launcher leaves it: no development fallback.
  const { AUTH_JWT_SECRET: _s, AUTH_JWKS_URL: _j, NODE_ENV: _n, ...inherited } = process.env;
  const run = (script: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [script], { env: { ...inherited, PORT: '0', ...env }, encoding: 'utf8', timeout: 90_000 });

  it.each([
    ['the distributed launcher', LAUNCHER],
    ['the gateway', path.resolve(__dirname, '../../../gateway/dist/main.js')],
    ['a subgraph', path.resolve(__dirname, '../../../services/grids/dist/main.js')],
  ])('%s refuses to start, naming the setting', (_name, script) => {
    const result = run(script);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/AUTH_JWT_SECRET or AUTH_JWKS_URL: required outside embedded mode/);
    const dev = run(script, { AUTH_JWT_SECRET: 'linli-development-secret-change-me' });
    expect(dev.status).toBe(1);
    expect(dev.stderr).toMatch(/only allowed in embedded mode/);
  }, 200_000);
});
