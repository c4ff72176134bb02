import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import {
  bearerToken,
  createComplexityRule,
  createGraphQLHttpHandler,
  DEFAULT_LIMITS,
  restoreLimitCode,
  type QueryLimits,
  createTokenVerifier,
  deadlineOf,
  isPublicCode,
  listen,
  listenMetrics,
  maskError,
  Metrics,
  recordFinishedSpan,
  type Logger,
  type MetricsExposure,
  type RunningHttpServer,
  type TokenSettings,
} from '@linli/platform';
import {
  eventEntities,
  OutboxEvent,
  OutboxRelay,
  databaseAnswers,
  startConsumer,
  type BatchHandler,
  type ConsumerSubscription,
  type EventHandler,
  type EventTransport,
} from '@linli/events';
import { DEFAULT_HOUSEKEEPING, startHousekeeping, type HousekeepingSettings } from '../jobs/housekeeping';
import { isPostgres, openDatabase, type DatabaseTarget, type EntityDefinition } from '../db/orm';
import { transactKnowingCommit } from '../db/commit-outcome';
import type { MigrationList } from '../db/migrations';
import { buildFederatedSchema, type FederatedSchemaOptions } from '../schema/federation';
import type { SubgraphContext } from '../request/context';
import { Loaders } from '../request/loaders';
import { subgraphGuardsPlugin } from './guards';
import { nulInputGuard } from '../request/input-guard';
import { createIdempotency, type IdempotencyClaim } from '../request/idempotency';
import { DirectoryObjectStore, FILES_ROUTE, openObjectStore, type FileStoreSettings, type ObjectStore } from '../files';
import { AuditTrail, auditPlugin } from '../request/audit';

export type { EventHandler } from '@linli/events';

/** What makes a service a subgraph; its `index.ts` exports one of these. */
export interface SubgraphDefinition {
  name: string;
  entities: EntityDefinition[];
  migrations: MigrationList;
  schema: FederatedSchemaOptions;
  /** Handlers by event type; each runs exactly once per event, in the same transaction as its processed-event row. */
  consumers?: Record<string, EventHandler>;
  /** The same effect as `consumers` for runs of many events in one transaction (bulk paths: the seed, replays; `applyInOrder`). */
  batchConsumers?: BatchHandler[];
  /** The service stores files (attachments): it gets `ctx.files` and, for a directory store, the `/files/` route. */
  files?: boolean;
  /** Background work (schedulers) started with the service; returns its stop function. */
  background?: (runtime: SubgraphRuntime) => Promise<() => Promise<void>> | (() => Promise<void>);
}

export interface SubgraphOptions {
  port: number;
  host?: string;
  database: DatabaseTarget;
  transport: EventTransport;
  subjectPrefix: string;
  auth: TokenSettings;
  logger: Logger;
  production?: boolean;
  /** The gateway's limits, applied here too: a subgraph reached directly is no softer target (default: the contract's). */
  limits?: Partial<QueryLimits>;
  /** The gateway's credential (SUBGRAPH_SERVICE_TOKEN): it alone unlocks `_service { sdl }` when set. */
  serviceToken?: string;
  /** Relay polling fallback; commits nudge it anyway. */
  relayPollMs?: number;
  /** The clock (tests of due times and schedulers move it). */
  now?: () => Date;
  /** Pruning of relayed events and processed-event marks (defaults: DEFAULT_HOUSEKEEPING). */
  housekeeping?: HousekeepingSettings;
  /** Sees every SQL statement (tests and benchmarks count statements per request). */
  onQuery?: (sql: string) => void;
  /** How long close() lets in-flight requests finish before cutting connections (default 10 s). */
  shutdownGraceMs?: number;
  /**
   * How long close() keeps accepting requests with readiness already 503
   * (default 0): the time a load balancer (Kubernetes endpoints) needs to
   * notice, so no new request meets a closed port.
   */
  shutdownDelayMs?: number;
  /** Where a service that stores files keeps them (default: a directory under the SQLite data dir, or `.data/files`). */
  files?: FileStoreSettings;
  /** GraphQL requests served at once before refusing with 503 (default 32). */
  maxInFlight?: number;
  /** Who may read `/metrics` (default: open on the subgraph's port, as in embedded mode). */
  metricsExposure?: MetricsExposure;
}

export interface SubgraphRuntime {
  name: string;
  orm: MikroORM;
  logger: Logger;
  relay: OutboxRelay;
  now: () => Date;
}

export interface RunningSubgraph extends SubgraphRuntime {
  url: string;
  port: number;
  /** `/metrics`: requests, SQL statements inside requests and in the background. */
  metrics: Metrics;
  close(): Promise<void>;
}

/**
 * Two concurrent writes raced: a unique index refused the loser (two active
 * posts, two people with one phone), or the aggregate's change number moved
 * under it. The loser gets CONFLICT, as it would have had it come second,
 * never a 500; the driver's message (which quotes the values) is not passed on.
 */
function raceAsConflict(e: unknown): never {
  if (e instanceof UniqueConstraintViolationException) {
    throw new GraphQLError('A record with these values already exists', { extensions: { code: 'CONFLICT' } });
  }
  // The change number: another request changed the aggregate since this one read it (db/change-number.ts).
  if (e instanceof OptimisticLockError) {
    throw new GraphQLError('The record was changed by another request meanwhile; read it again and retry', { extensions: { code: 'CONFLICT' } });
  }
  throw e;
}

/**
 * Starts one subgraph: database (migrated), schema, outbox relay, idempotent
 * event consumer, background jobs and the HTTP server. Every request's token
 * is verified here again: a subgraph never trusts that the gateway checked it.
 */
export async function startSubgraph(def: SubgraphDefinition, opts: SubgraphOptions): Promise<RunningSubgraph> {
  const logger = opts.logger.child({ subgraph: def.name });
  const now = opts.now ?? (() => new Date());
  // SQL is attributed to the request whose resolvers ran it (AsyncLocalStorage),
  // so background work (relay polling, schedulers, consumers) never blurs the
  // per-request count that tests assert and the benchmark reports.
  const requestScope = new AsyncLocalStorage<{ sql: number; idempotency?: IdempotencyClaim; operation?: string }>();
  const metrics = new Metrics();
  const sqlInRequests = metrics.counter('sql_statements_in_requests_total', 'SQL statements run while serving GraphQL requests');
  const sqlInBackground = metrics.counter('sql_statements_background_total', 'SQL statements of the relay, consumers and schedulers');
  const sqlPerRequest = metrics.histogram(
    'sql_statements_per_request',
    'SQL statements one GraphQL request ran, by operation (the gateway names its subgraph operations after the client operation)',
    ['operation'],
    [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
  );
  const countQuery = (sql: string) => {
    const scope = requestScope.getStore();
    if (scope) {
      scope.sql++;
      sqlInRequests.inc();
    } else {
      sqlInBackground.inc();
    }
    sqlSpan(sql);
    opts.onQuery?.(sql);
  };
  const orm = await openDatabase({
    service: def.name,
    target: opts.database,
    entities: [...def.entities, ...eventEntities],
    migrations: def.migrations,
    logger,
    onQuery: countQuery,
  });
  const postgres = isPostgres(orm);
  const relay = new OutboxRelay({ orm, transport: opts.transport, subjectPrefix: opts.subjectPrefix, logger, pollIntervalMs: opts.relayPollMs ?? 250 });
  const runtime: SubgraphRuntime = { name: def.name, orm, logger, relay, now };
  const verify = createTokenVerifier(opts.auth);
  const files: ObjectStore | null = def.files ? openObjectStore(opts.files ?? defaultFileStore(opts.database)) : null;
  const schema = await buildFederatedSchema(def.schema);
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const idempotency = createIdempotency({ em: orm.em, verify, slot: () => requestScope.getStore(), now, logger });

  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [createComplexityRule(limits)],
    formatError: (formatted, error) => {
      const restored = restoreLimitCode(formatted, error);
      const code = restored.extensions?.code;
      if (!isPublicCode(code)) logger.error({ err: (error as GraphQLError)?.originalError ?? error }, 'internal error');
      return maskError(restored);
    },
    includeStacktraceInErrorResponses: false,
    introspection: !opts.production,
    hideSchemaDetailsFromClientErrors: !!opts.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [
      auditPlugin(orm, () => relay.nudge()) as never,
      nulInputGuard,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No @cacheControl hints anywhere: the default plugin would still wrap every field resolver
      // (willResolveField) to compute a policy no one reads (~7 % of a TicketExport page's CPU).
      ApolloServerPluginCacheControlDisabled(),
      subgraphGuardsPlugin({ serviceToken: opts.serviceToken, production: !!opts.production }),
      {
        // The SQL-per-request histogram is labelled with the operation (the gateway names it `<ClientOperation>__<subgraph>__<n>`).
        async requestDidStart() {
          return {
            async didResolveOperation({ operationName }) {
              const scope = requestScope.getStore();
              if (scope) scope.operation = operationLabel(operationName ?? undefined);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  metrics.gauge('outbox_backlog', 'Outbox rows committed but not yet published to the bus', [], async (g) => {
    g.set(await orm.em.fork().count(OutboxEvent, { publishedAt: null }));
  });
  if (def.consumers && Object.keys(def.consumers).length && opts.transport.consumerStats) {
    const stats = () => opts.transport.consumerStats!(def.name);
    metrics.gauge('event_consumer_lag', 'Events on the bus not yet acknowledged by this service’s durable consumer', [], async (g) => {
      g.set((await stats()).pending);
    });
    metrics.gauge('event_dead_letters', 'Events this service’s consumer gave up on (in its dead-letter queue)', [], async (g) => {
      g.set((await stats()).deadLettered);
    });
  }

  const handler = createGraphQLHttpHandler<SubgraphContext>({
    apollo,
    logger,
    metrics,
    idempotency,
    maxInFlight: opts.maxInFlight ?? 32,
    metricsExposure: opts.metricsExposure,
    around: async (work) => {
      const scope = { sql: 0, operation: undefined as string | undefined };
      try {
        return await requestScope.run(scope, work);
      } finally {
        sqlPerRequest.observe({ operation: scope.operation ?? 'none' }, scope.sql);
      }
    },
    responseHeaders: () => ({ 'x-sql-statements': String(requestScope.getStore()?.sql ?? 0) }),
    route: async (req, res, url) => {
      if (!(files instanceof DirectoryObjectStore) || !url.pathname.startsWith(FILES_ROUTE)) return false;
      await files.handle(req, res, url, now());
      return true;
    },
    // Not ready while shutting down, while the consumer waits for the database, or when the bus or the database is away.
    ready: async () => !closing && !consumer?.waiting && (await databaseAnswers(orm.em, 1_000)) && (await transportReady()),
    context: async ({ requestId, headers, aborted }) => {
      const token = bearerToken(headers.authorization);
      if (!token) {
        throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      const actor = await verify(token).catch((e: GraphQLError) => {
        throw new GraphQLError(e.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      });
      const em = orm.em.fork();
      const meta = () => ({ source: def.name, correlationId: requestId, occurredAt: now() });
      const audit = new AuditTrail(def.name, actor, meta);
      const deadline = deadlineOf(headers);
      return {
        audit,
        actor,
        em,
        loaders: new Loaders(),
        files,
        requestId,
        logger: logger.child({ requestId }),
        now,
        command: () => {
          const at = now();
          return { actor, now: at, event: { source: def.name, correlationId: requestId, occurredAt: at } };
        },
        transact: async <T>(work: (em: EntityManager) => Promise<T>) => {
          // A COMMIT whose answer a database blip lost is answered from the server's record of it.
          const result = await transactKnowingCommit(
            em,
            async (tx) => {
              await idempotency.claim(tx);
              const done = await work(tx);
              // The audit entry commits with the write, or neither does.
              audit.recordWrite(tx, done);
              // The gateway gave up or is about to (its fetch deadline): roll back rather than commit a write answered as failed.
              if (aborted() || (deadline !== undefined && Date.now() > deadline)) throw new Error('the caller gave up before the write committed');
              return done;
            },
            { postgres, logger },
          ).catch(raceAsConflict);
          relay.nudge();
          return result;
        },
      };
    },
  });
  let closing = false;
  let closed: Promise<void> | undefined;
  let consumer: ConsumerSubscription | null = null;
  const transportReady = () => (opts.transport.ready ? opts.transport.ready().catch(() => false) : Promise.resolve(true));
  const metricsServer: RunningHttpServer | null = opts.metricsExposure?.port ? await listenMetrics(metrics, opts.metricsExposure.port, opts.host) : null;
  const server = await listen(handler, opts.port, opts.host);
  if (files instanceof DirectoryObjectStore) files.setBaseUrl(server.url);

  relay.start();
  const deadLettered = metrics.counter('events_dead_lettered_total', 'Events parked in the dead-letter store after every handler attempt failed');
  if (def.consumers && Object.keys(def.consumers).length) {
    consumer = await startConsumer({
      orm,
      transport: opts.transport,
      consumer: def.name,
      handlers: def.consumers,
      logger,
      onDeadLetter: () => deadLettered.inc(),
      // What a handler announces (notifications, rectifications, placements) leaves at once, not at the relay's next poll.
      onEventsRecorded: () => relay.nudge(),
    });
  }
  const stopBackground = def.background ? await def.background(runtime) : null;
  const housekeeping = startHousekeeping(runtime, opts.housekeeping ?? DEFAULT_HOUSEKEEPING);
  logger.info({ url: server.url, database: opts.database.driver }, 'subgraph listening');

  return {
    ...runtime,
    url: server.url,
    port: server.port,
    metrics,
    // Graceful: readiness turns 503, in-flight requests finish (up to the grace),
    // then the schedulers, the consumer and the relay stop after their current
    // item, and only then the database closes.
    // Once: a second SIGTERM (or a test's restart after a close) waits for the same shutdown.
    close: () =>
      (closed ??= (async () => {
        closing = true;
        logger.info({ delayMs: opts.shutdownDelayMs ?? 0 }, 'shutting down: readiness 503');
        if (opts.shutdownDelayMs) await new Promise((r) => setTimeout(r, opts.shutdownDelayMs));
        await server.close(opts.shutdownGraceMs ?? 10_000);
        logger.info('http server closed: in-flight requests answered');
        await metricsServer?.close();
        if (stopBackground) await stopBackground();
        await housekeeping.stop();
        if (consumer) await consumer.stop();
        await relay.stop();
        logger.info('consumer and relay stopped after their batch');
        await apollo.stop();
        await orm.close(true);
        logger.info('database closed');
      })()),
  };
}

/** Files beside the service's SQLite database, or under `.data/files` for a service on PostgreSQL without a configured store. */
function defaultFileStore(database: DatabaseTarget): FileStoreSettings {
  const dir = database.driver === 'sqlite' ? path.join(path.dirname(database.file), 'files') : path.resolve('.data', 'files');
  return { kind: 'directory', dir };
}

/** An operation name as a metric label: a GraphQL name, else "other" (never free text from a caller). */
function operationLabel(value: string | undefined): string {
  return typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(value) ? value : 'other';
}

/**
 * A span per SQL statement, after the fact (MikroORM reports a statement
 * with its duration once it ran). Only the statement's shape is kept: quoted
 * literals become `?`, so no personal data reaches a trace.
 */
function sqlSpan(message: string): void {
  const took = /\[took (\d+(?:\.\d+)?) ms/.exec(message);
  const statement = message.replace(/\s*\[took [^\]]*\]\s*$/, '').replace(/'(?:[^']|'')*'/g, '?');
  recordFinishedSpan(`SQL ${statement.split(/\s/, 1)[0]?.toLowerCase() ?? ''}`, took ? Number(took[1]) : 0, {
    'db.query.text': statement.slice(0, 500),
  });
}

/** The SDL a subgraph contributes to the supergraph (written to `schema.graphql`). */
export async function printSubgraphSdl(def: SubgraphDefinition): Promise<string> {
  const { printSubgraphSchema } = await import('@apollo/subgraph');
  return printSubgraphSchema(await buildFederatedSchema(def.schema));
}
