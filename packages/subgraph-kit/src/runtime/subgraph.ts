import { AsyncLocalStorage } from 'node:async_hooks';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import {
  bearerToken,
  createGraphQLHttpHandler,
  createTokenVerifier,
  isPublicCode,
  listen,
  maskError,
  Metrics,
  type Logger,
  type TokenSettings,
} from '@linli/platform';
import {
  eventEntities,
  OutboxRelay,
  startConsumer,
  type EventHandler,
  type EventTransport,
  type Subscription,
} from '@linli/events';
import { DEFAULT_HOUSEKEEPING, startHousekeeping, type HousekeepingSettings } from '../jobs/housekeeping';
import { openDatabase, type DatabaseTarget, type EntityDefinition } from '../db/orm';
import type { MigrationList } from '../db/migrations';
import { buildFederatedSchema, type FederatedSchemaOptions } from '../schema/federation';
import type { SubgraphContext } from '../request/context';
import { Loaders } from '../request/loaders';

export type { EventHandler } from '@linli/events';

/** What makes a service a subgraph; its `index.ts` exports one of these. */
export interface SubgraphDefinition {
  name: string;
  entities: EntityDefinition[];
  migrations: MigrationList;
  schema: FederatedSchemaOptions;
  /** Handlers by event type; each runs exactly once per event, in the same transaction as its processed-event row. */
  consumers?: Record<string, EventHandler>;
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
  /** Relay polling fallback; commits nudge it anyway. */
  relayPollMs?: number;
  /** The clock (tests of due times and schedulers move it). */
  now?: () => Date;
  /** Pruning of relayed events and processed-event marks (defaults: DEFAULT_HOUSEKEEPING). */
  housekeeping?: HousekeepingSettings;
  /** Sees every SQL statement (tests and benchmarks count statements per request). */
  onQuery?: (sql: string) => void;
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
  const requestScope = new AsyncLocalStorage<{ sql: number }>();
  const metrics = new Metrics();
  const sqlInRequests = metrics.counter('sql_statements_in_requests_total', 'SQL statements run while serving GraphQL requests');
  const sqlInBackground = metrics.counter('sql_statements_background_total', 'SQL statements of the relay, consumers and schedulers');
  const countQuery = (sql: string) => {
    const scope = requestScope.getStore();
    if (scope) {
      scope.sql++;
      sqlInRequests.inc();
    } else {
      sqlInBackground.inc();
    }
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
  const relay = new OutboxRelay({ orm, transport: opts.transport, subjectPrefix: opts.subjectPrefix, logger, pollIntervalMs: opts.relayPollMs ?? 250 });
  const runtime: SubgraphRuntime = { name: def.name, orm, logger, relay, now };
  const verify = createTokenVerifier(opts.auth);
  const schema = await buildFederatedSchema(def.schema);

  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (!isPublicCode(code)) logger.error({ err: (error as GraphQLError)?.originalError ?? error }, 'internal error');
      return maskError(formatted);
    },
    includeStacktraceInErrorResponses: false,
    introspection: !opts.production,
    hideSchemaDetailsFromClientErrors: !!opts.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const handler = createGraphQLHttpHandler<SubgraphContext>({
    apollo,
    logger,
    metrics,
    around: (work) => requestScope.run({ sql: 0 }, work),
    responseHeaders: () => ({ 'x-sql-statements': String(requestScope.getStore()?.sql ?? 0) }),
    ready: async () => {
      await orm.em.fork().getConnection().execute('SELECT 1');
      return true;
    },
    context: async ({ requestId, headers }) => {
      const token = bearerToken(headers.authorization);
      if (!token) {
        throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      const actor = await verify(token).catch((e: GraphQLError) => {
        throw new GraphQLError(e.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      });
      const em = orm.em.fork();
      return {
        actor,
        em,
        loaders: new Loaders(),
        requestId,
        logger: logger.child({ requestId }),
        now,
        command: () => {
          const at = now();
          return { actor, now: at, event: { source: def.name, correlationId: requestId, occurredAt: at } };
        },
        transact: async <T>(work: (em: EntityManager) => Promise<T>) => {
          const result = await em.transactional(work);
          relay.nudge();
          return result;
        },
      };
    },
  });
  const server = await listen(handler, opts.port, opts.host);

  relay.start();
  let consumer: Subscription | null = null;
  if (def.consumers && Object.keys(def.consumers).length) {
    consumer = await startConsumer({ orm, transport: opts.transport, consumer: def.name, handlers: def.consumers, logger });
  }
  const stopBackground = def.background ? await def.background(runtime) : null;
  const housekeeping = startHousekeeping(runtime, opts.housekeeping ?? DEFAULT_HOUSEKEEPING);
  logger.info({ url: server.url, database: opts.database.driver }, 'subgraph listening');

  return {
    ...runtime,
    url: server.url,
    port: server.port,
    metrics,
    close: async () => {
      await server.close();
      if (stopBackground) await stopBackground();
      await housekeeping.stop();
      if (consumer) await consumer.stop();
      await relay.stop();
      await apollo.stop();
      await orm.close(true);
    },
  };
}

/** The SDL a subgraph contributes to the supergraph (written to `schema.graphql`). */
export async function printSubgraphSdl(def: SubgraphDefinition): Promise<string> {
  const { printSubgraphSchema } = await import('@apollo/subgraph');
  return printSubgraphSchema(await buildFederatedSchema(def.schema));
}
