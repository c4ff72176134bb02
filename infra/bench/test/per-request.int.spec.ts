import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, createLogger, signToken } from '@linli/platform';
import { startStack, type RunningStack } from '@linli/stack';
import { workOfOneRequest } from '../src/measure';
import { SCALES } from '../src/scales';
import { seedDistrict, type SeedWorld } from '../src/seed';

const TICKET_EXPORT = /query TicketExport[\s\S]*?\n}\n/.exec(readFileSync(path.resolve(__dirname, '../../../../shared/contract/district-dashboard.graphql'), 'utf8'))![0];

/**
 * The benchmark's deterministic half, asserted: the analytics pull costs the
 * same SQL statements and the same subgraph fetches for a page of 10 as for a
 * page of 100 (no N+1 anywhere across the subgraphs).
 *
 * The gateway's entity cache is off here: with it, a page's fetches depend on
 * which registry entities earlier pages happened to name (a deep page meeting a
 * grid no earlier page did fetches it), which says nothing about the subgraphs'
 * own work. The cache's effect is measured in the bench and its behaviour
 * asserted in the stack's entity-cache e2e spec.
 */
describe('work per TicketExport page', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-perreq-'));
  let world: SeedWorld;
  let stack: RunningStack;
  let token: string;

  beforeAll(async () => {
    world = await seedDistrict({ scale: SCALES.small, seed: 7, databases: { driver: 'sqlite', dataDir } });
    stack = await startStack({ databases: { driver: 'sqlite', dataDir }, events: { kind: 'in-process' }, logger: createLogger('test', 'silent'), gateway: { entityCache: { maxEntries: 0 } } });
    token = await signToken({ sub: 'analyst', roles: ['ANALYST'], orgs: [world.districtId] }, DEVELOPMENT_JWT_SECRET);
  }, 600_000); // seeding through the write paths: minutes on a loaded shared machine
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const page = async (first: number, after: string | null = null): Promise<string> => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: TICKET_EXPORT, variables: { filter: { scopeId: world.districtId }, period: new Date().toISOString().slice(0, 7), first, after } }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data.tickets.edges).toHaveLength(first);
    return body.data.tickets.pageInfo.endCursor;
  };

  it('is the same for 10 and 100 tickets', async () => {
    const base = (url: string) => new URL(url).origin;
    const subgraphs = Object.fromEntries(Object.values(stack.subgraphs).map((s) => [s.name, base(s.url)]));
    const ten = await workOfOneRequest(base(stack.url), subgraphs, () => page(10));
    const hundred = await workOfOneRequest(base(stack.url), subgraphs, () => page(100));
    expect(ten['sql statements']).toBeGreaterThan(0);
    expect(ten['subgraph fetches']).toBeGreaterThan(1);
    expect(hundred).toEqual(ten);
  });

  it('is the same for a deep page as for the first (keyset bound, counters for totalCount)', async () => {
    const base = (url: string) => new URL(url).origin;
    const subgraphs = Object.fromEntries(Object.values(stack.subgraphs).map((s) => [s.name, base(s.url)]));
    // Walk to the last full page of 10: the deepest cursor the seeded district has.
    const cursors: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `query($f: TicketFilter!, $after: String) { tickets(filter: $f, first: 10, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } } }`, variables: { f: { scopeId: world.districtId }, after } }),
      });
      const conn = ((await res.json()) as any).data.tickets;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor as string;
      cursors.push(after);
    }
    expect(cursors.length).toBeGreaterThanOrEqual(5);
    const deep = cursors[cursors.length - 2];
    const first = await workOfOneRequest(base(stack.url), subgraphs, () => page(10));
    const second = await workOfOneRequest(base(stack.url), subgraphs, () => page(10, cursors[0]));
    const deepest = await workOfOneRequest(base(stack.url), subgraphs, () => page(10, deep));
    expect(second).toEqual(first);
    expect(deepest).toEqual(first);
  });
});
