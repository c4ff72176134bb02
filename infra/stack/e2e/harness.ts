import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestNats, mintToken, startTestObjectStore } from '@linli/testing';
import type { Role } from '@linli/platform';
import type { LiveSettings } from '@linli/gateway';
import { startStack, type RunningStack, type StackOptions } from '../src/stack';
import { SUBGRAPHS } from '../src/subgraphs';
import { Client } from 'pg';

export type Mode = 'embedded' | 'distributed';

export interface TestStack extends RunningStack {
  mode: Mode;
  /** Runs an operation through the gateway as the given caller (no token when `as` is null). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

export interface Caller {
  sub: string;
  roles: Role[];
  orgs?: string[];
}

export interface GqlResult<T> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The real stack for an end-to-end test: all four subgraphs and the real
 * gateway, on SQLite + in-process events (embedded) or on fresh PostgreSQL
 * databases + a uniquely named JetStream stream (distributed).
 */
export interface TestStackOptions {
  now?: () => Date;
  duplicateWindowMs?: number;
  /** Production settings (introspection off, `_service` closed without the credential). */
  production?: boolean;
  serviceToken?: string;
  gateway?: StackOptions['gateway'];
  live?: Partial<LiveSettings>;
  fetchTimeoutMs?: number;
  /** Another NATS server than the shared one (a private nats-server the test restarts or wipes). */
  natsServers?: string;
  /** A token secret of the test's own instead of the development one (a spawned subgraph process refuses that). */
  jwtSecret?: string;
  /** Embedded: keep the SQLite files here (the caller removes it) instead of a directory removed at stop. */
  dataDir?: string;
}

export async function startTestStack(mode: Mode, label: string, opts: TestStackOptions = {}): Promise<TestStack> {
  // A loaded 2-core CI machine answers slowly: the tests assert answers and what was committed, never times,
  // so the gateway waits longer for a subgraph than in production (where a write past its deadline is rolled back).
  const auth = opts.jwtSecret ? { secret: opts.jwtSecret } : undefined;
  const common = { auth, now: opts.now, duplicateWindowMs: opts.duplicateWindowMs, production: opts.production, serviceToken: opts.serviceToken, gateway: opts.gateway, live: opts.live, fetchTimeoutMs: opts.fetchTimeoutMs ?? 60_000 };
  const cleanups: (() => Promise<void>)[] = [];
  let stack: RunningStack;
  if (mode === 'embedded') {
    const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `linli-${label}-`));
    if (!opts.dataDir) cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    stack = await startStack({ databases: { driver: 'sqlite', dataDir }, events: { kind: 'in-process' }, ...common });
  } else {
    const base = `t_${label}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
    const baseUrl = new URL(ADMIN_URL);
    baseUrl.pathname = `/${base}`;
    cleanups.push(() => dropServiceDatabases(base));
    const nats = createTestNats(label, opts.natsServers);
    cleanups.push(() => nats.cleanup());
    // Distributed mode keeps files in an S3-compatible store, as deployments do.
    const objectStore = await startTestObjectStore(label);
    cleanups.push(() => objectStore.stop());
    stack = await startStack({
      databases: { driver: 'postgresql', baseUrl: baseUrl.toString() },
      events: { kind: 'nats', servers: nats.servers, streamName: nats.streamName, subjectPrefix: nats.subjectPrefix },
      files: { kind: 's3', url: objectStore.url, credentials: objectStore.credentials },
      ...common,
    });
  }
  return {
    ...stack,
    mode,
    async gql(query, variables = {}, as = null) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers.authorization = `Bearer ${await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [], secret: opts.jwtSecret })}`;
      const res = await fetch(stack.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as GqlResult<any>;
      return { status: res.status, data: body.data, errors: body.errors };
    },
    async stop() {
      await stack.close();
      for (const c of cleanups.reverse()) await c();
    },
  };
}

/** Drops every service's database of a test run (`<base>_<service>`). */
export async function dropServiceDatabases(base: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    for (const s of SUBGRAPHS) await admin.query(`DROP DATABASE IF EXISTS "${base}_${s.name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The error codes of a result, for compact assertions. */
export const codes = (r: GqlResult<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);

export const MODES: Mode[] = ['embedded', 'distributed'];
