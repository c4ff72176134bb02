import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createLogger, DEVELOPMENT_JWT_SECRET, type Logger, type TokenSettings } from '@linli/platform';
import { InProcessTransport, NatsTransport, OutboxEvent, type EventTransport } from '@linli/events';
import { startSubgraph, type DatabaseTarget, type FileStoreSettings, type RunningSubgraph } from '@linli/subgraph-kit';
import { createGateway, SUPERGRAPH_FILE, type GatewayOptions, type LiveSettings } from '@linli/gateway';
import { SUBGRAPHS } from './subgraphs';

export type StackDatabases =
  | { driver: 'sqlite'; dataDir: string }
  /** One PostgreSQL database per service: `<base>_<service>`. */
  | { driver: 'postgresql'; baseUrl: string };

export interface StackOptions {
  databases: StackDatabases;
  events: { kind: 'in-process' } | { kind: 'nats'; servers: string; streamName: string; subjectPrefix: string };
  /** Sees every SQL statement of every subgraph (diagnostics). */
  onQuery?: (service: string, sql: string) => void;
  /** Publish dedupe window of the transport (tests shorten it to redeliver an event on purpose). */
  duplicateWindowMs?: number;
  /** Gateway port (0 = any free port); subgraphs take `subgraphBasePort + 1…4`, or free ports when 0. */
  port?: number;
  subgraphBasePort?: number;
  auth?: TokenSettings;
  logger?: Logger;
  production?: boolean;
  /** The gateway's credential towards the subgraphs (`_service { sdl }`); none: `_service` is open outside production only. */
  serviceToken?: string;
  now?: () => Date;
  /** The gateway's deadline for one subgraph fetch (default 10 s; tests on a loaded CI machine give more). */
  fetchTimeoutMs?: number;
  /** The file store of services that keep files (default: a directory beside the SQLite files, or `.data/files`). */
  files?: FileStoreSettings;
  /** Gateway options beyond the stack's own (safelist, CORS, metrics exposure, entity cache settings). */
  gateway?: Pick<GatewayOptions, 'operations' | 'corsOrigins' | 'metricsExposure' | 'entityCache'>;
  /** Limits and heartbeat of the gateway's subscription streams (tests shorten them). */
  live?: Partial<LiveSettings>;
}

export interface RunningStack {
  url: string;
  subgraphs: Record<string, RunningSubgraph>;
  transport: EventTransport;
  subjectPrefix: string;
  /** Stops one subgraph and starts it again on the same port, database and bus (a process restart, for fault tests). */
  restart(name: string): Promise<RunningSubgraph>;
  /** Waits until every committed event has been published and handled; throws after `timeoutMs` (default 2 min). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Lets every committed event reach its consumers: in embedded mode the bus
 * lives in this process, so an event still on it when the process ends would
 * be lost (JetStream keeps them in distributed mode). Rounds until nothing
 * moves, since handling an event may record new ones; throws past the deadline.
 */
async function settle(subgraphs: Record<string, RunningSubgraph>, transport: EventTransport, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  // Rounds until the deadline, not a number of them: after a burst, consumers on the bus keep
  // recording events (placements, notifications) for as long as their backlog lasts.
  let pending: number[] = [];
  do {
    await Promise.all(Object.values(subgraphs).map((s) => s.relay.drain(left())));
    if (transport instanceof InProcessTransport) await transport.idle(left());
    pending = await Promise.all(Object.values(subgraphs).map((s) => s.orm.em.fork().count(OutboxEvent, { publishedAt: null })));
    if (pending.every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < deadline);
  const names = Object.keys(subgraphs);
  throw new Error(`events kept flowing for ${timeoutMs} ms (unpublished: ${pending.map((n, i) => `${names[i]} ${n}`).join(', ')})`);
}

/** `postgres://…/linli` → `postgres://…/linli_tickets`: each service owns its database. */
export function serviceDatabaseUrl(baseUrl: string, service: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${decodeURIComponent(url.pathname.slice(1)) || 'linli'}_${service}`;
  return url.toString();
}

export function databaseFor(databases: StackDatabases, service: string): DatabaseTarget {
  return databases.driver === 'sqlite'
    ? { driver: 'sqlite', file: path.join(databases.dataDir, `${service}.db`) }
    : { driver: 'postgresql', url: serviceDatabaseUrl(databases.baseUrl, service) };
}

/**
 * All four subgraphs and the gateway in this process. Embedded mode (SQLite,
 * in-process events) is `npm start`; the same with PostgreSQL and NATS is what
 * the end-to-end tests of the distributed parts run.
 */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const logger = opts.logger ?? createLogger('stack', 'warn');
  const auth = opts.auth ?? { secret: DEVELOPMENT_JWT_SECRET };
  const subjectPrefix = opts.events.kind === 'nats' ? opts.events.subjectPrefix : 'linli';
  const transport: EventTransport =
    opts.events.kind === 'nats'
      ? await NatsTransport.connect({
          servers: opts.events.servers,
          streamName: opts.events.streamName,
          subjectPrefix,
          logger,
          duplicateWindowMs: opts.duplicateWindowMs,
        })
      : new InProcessTransport({ logger, subjectPrefix, duplicateWindowMs: opts.duplicateWindowMs });
  const subgraphs: Record<string, RunningSubgraph> = {};
  const start = (i: number, port?: number) => {
    const def = SUBGRAPHS[i];
    return startSubgraph(def, {
      port: port ?? (opts.subgraphBasePort ? opts.subgraphBasePort + i + 1 : 0),
      host: '127.0.0.1',
      database: databaseFor(opts.databases, def.name),
      transport,
      subjectPrefix,
      auth,
      logger,
      production: opts.production,
      serviceToken: opts.serviceToken,
      now: opts.now,
      files: opts.files ?? (opts.databases.driver === 'sqlite' ? { kind: 'directory', dir: path.join(opts.databases.dataDir, 'files') } : undefined),
      onQuery: opts.onQuery && ((sql) => opts.onQuery!(def.name, sql)),
    });
  };
  try {
    for (const [i, def] of SUBGRAPHS.entries()) subgraphs[def.name] = await start(i);
    const gateway = await createGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
      port: opts.port ?? 0,
      auth,
      logger,
      production: !!opts.production,
      serviceToken: opts.serviceToken,
      fetchTimeoutMs: opts.fetchTimeoutMs ?? 10_000,
      ...opts.gateway,
      live: { transport, ...opts.live },
    });
    return {
      url: gateway.url,
      subgraphs,
      transport,
      subjectPrefix,
      restart: async (name) => {
        const i = SUBGRAPHS.findIndex((d) => d.name === name);
        const old = subgraphs[name];
        await old.close();
        subgraphs[name] = await start(i, old.port);
        return subgraphs[name];
      },
      settle: (timeoutMs = 120_000) => settle(subgraphs, transport, timeoutMs),
      close: async () => {
        await gateway.close();
        await settle(subgraphs, transport, 15_000).catch((err) =>
          logger.warn({ err }, 'events still in flight at shutdown; the outbox keeps what was not published'),
        );
        for (const s of Object.values(subgraphs).reverse()) await s.close();
        await transport.close();
      },
    };
  } catch (e) {
    for (const s of Object.values(subgraphs)) await s.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
    throw e;
  }
}
