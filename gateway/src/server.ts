import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EventTransport } from '@linli/events';
import {
  activeSpan,
  bearerToken,
  createComplexityRule,
  createGraphQLHttpHandler,
  DEFAULT_LIMITS,
  restoreLimitCode,
  type QueryLimits,
  Metrics,
  createTokenVerifier,
  idempotencyKeyOf,
  isPublicCode,
  listen,
  listenMetrics,
  maskError,
  unauthenticated,
  type Histogram,
  type LabelledCounter,
  type Logger,
  type MetricsExposure,
  type RunningHttpServer,
  type TokenSettings,
} from '@linli/platform';
import { withCors } from './cors';
import { disableApolloTelemetry } from './env';
import { withGraphiQL } from './graphiql/page';
import { ObservedDataSource } from './observed-data-source';
import { clientOf, manifestCache, safelistPlugin, Safelist, type OperationsMode } from './operations';
import { createReadiness, type ReadinessOptions } from './readiness';
import { SubgraphClient, type GatewayContext } from './subgraph-client';
import { LiveFeed } from './live/feed';
import { DEFAULT_ENTITY_CACHE_SETTINGS, EntityCache, type EntityCacheSettings } from './entity-cache/entity-cache';
import { invalidatedBy } from './entity-cache/invalidation';
import { createLiveHandler, DEFAULT_LIVE_SETTINGS, isStreamRequest, type LiveSettings } from './live/streams';

export interface GatewayOptions {
  /** The composed supergraph (gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph name → GraphQL URL; every subgraph of the supergraph needs one. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  auth: TokenSettings;
  logger: Logger;
  /** Introspection, field suggestions and GraphiQL are off in production. */
  production: boolean;
  /** Deadline of one subgraph fetch. */
  fetchTimeoutMs: number;
  /** Keep-alive sockets per subgraph (default 64). */
  maxSocketsPerSubgraph?: number;
  limits?: Partial<QueryLimits>;
  /** Sent to every subgraph as `x-linli-service-token` (SUBGRAPH_SERVICE_TOKEN). */
  serviceToken?: string;
  readiness?: ReadinessOptions;
  /** How long close() lets in-flight requests finish before cutting connections (default 10 s). */
  shutdownGraceMs?: number;
  /** Operations served at once before refusing with 503 (default 256). */
  maxInFlight?: number;
  /** Origins of the browser apps allowed to call (CORS); default none. */
  corsOrigins?: readonly string[];
  /**
   * The persisted operations and what to do with other documents: `safelist`
   * refuses them, `open` runs and logs them. Default: open with no manifests
   * (every document runs).
   */
  operations?: { mode: OperationsMode; safelist: Safelist };
  /** Who may read `/metrics` (default: open on the gateway's port). */
  metricsExposure?: MetricsExposure;
  /**
   * The self-hosted GraphiQL at `GET /graphql` (Accept: text/html). Default:
   * on outside production while operations are open (a safelisted gateway
   * refuses the documents GraphiQL writes, its introspection included).
   */
  graphiql?: boolean;
  /** Subscriptions over SSE, fed from this bus (JetStream or the in-process one); without it `/graphql/stream` is 404. */
  live?: { transport: EventTransport } & Partial<LiveSettings>;
  /**
   * The entity cache of public registry data (entity-cache/), invalidated by
   * the events of the `live` bus; without a bus there is no cache. Default:
   * DEFAULT_ENTITY_CACHE_SETTINGS; `maxEntries: 0` switches it off.
   */
  entityCache?: Partial<EntityCacheSettings>;
}

export interface RunningGateway {
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The subgraphs a supergraph routes to, by name; fails when one has no configured URL. */
function subgraphNames(supergraphSdl: string, urls: Readonly<Record<string, string>>): string[] {
  const names = Supergraph.build(supergraphSdl)
    .subgraphsMetadata()
    .map((s) => s.name);
  const missing = names.filter((n) => !urls[n]);
  if (missing.length) throw new Error(`No URL configured for subgraph(s): ${missing.join(', ')}`);
  return names;
}

/** UNAUTHENTICATED with HTTP 401 (Apollo Server takes the status from `extensions.http` and strips it). */
function authError(error: unknown): GraphQLError {
  const base = error instanceof GraphQLError && error.extensions?.code === 'UNAUTHENTICATED' ? error : unauthenticated();
  return new GraphQLError(base.message, {
    extensions: { ...base.extensions, http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } },
  });
}

interface OperationMetrics {
  durations: Histogram<'operation' | 'client' | 'outcome'>;
  operations: LabelledCounter<'operation' | 'client' | 'outcome'>;
  /** Label values are bounded: the apps of the manifests and the listed operation names, anything else is "other". */
  knownClients: ReadonlySet<string>;
  knownOperations: ReadonlySet<string>;
}

function operationMetrics(metrics: Metrics, safelist: Safelist): OperationMetrics {
  const labels = ['operation', 'client', 'outcome'] as const;
  return {
    durations: metrics.histogram('graphql_operation_duration_seconds', 'GraphQL operations served by the gateway, by operation and client app', labels),
    operations: metrics.labelledCounter('graphql_operations_total', 'GraphQL operations served by the gateway, by operation and client app', labels),
    knownClients: safelist.apps(),
    knownOperations: new Set(safelist.names()),
  };
}

/**
 * One JSON line per operation with the app that sent it, its duration in the
 * per-operation histogram, and the unmasked cause of every error the client
 * only sees as INTERNAL_SERVER_ERROR.
 */
function loggingPlugin(logger: Logger, m: OperationMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      const { requestId } = contextValue;
      const client = request.http ? clientOf(request.http.headers) : { name: 'unknown', version: 'unknown' };
      return {
        async didResolveOperation({ operationName }) {
          // The request's span is named after the operation the app sent.
          activeSpan()?.updateName(`graphql ${operationName ?? 'anonymous'}`);
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isPublicCode(code)) logger.debug({ requestId, code, path: error.path }, error.message);
            else logger.error({ requestId, path: error.path, err: error.originalError ?? error }, 'operation error');
          }
        },
        async willSendResponse({ operationName, response, errors }) {
          const ms = performance.now() - started;
          const labels = {
            operation: operationName && m.knownOperations.has(operationName) ? operationName : 'other',
            client: m.knownClients.has(client.name) ? client.name : 'other',
            outcome: errors?.length ? 'error' : 'ok',
          };
          m.durations.observe(labels, ms / 1000);
          m.operations.inc(labels);
          logger.info(
            {
              requestId,
              personId: contextValue.personId,
              operationName,
              client: client.name,
              clientVersion: client.version,
              status: response.http.status ?? 200,
              errors: errors?.map((e) => restoreLimitCode({ extensions: e.extensions }, e).extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              ms: Math.round(ms),
            },
            'operation',
          );
        },
      };
    },
  };
}

/**
 * The federated gateway: verifies the caller's token, checks the query limits,
 * plans over the static supergraph and calls the subgraphs with the caller's
 * token and request id, masking whatever is not a contract error.
 */
export async function createGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const logger = opts.logger;
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const verify = createTokenVerifier(opts.auth);
  const names = subgraphNames(opts.supergraphSdl, opts.subgraphUrls);
  const metrics = new Metrics();
  const safelist = opts.operations?.safelist ?? new Safelist({});
  const fetchDurations = metrics.histogram('subgraph_fetch_duration_seconds', 'Fetches from the gateway to a subgraph, by subgraph and outcome', [
    'subgraph',
    'outcome',
  ]);
  const clients = names.map(
    (name) =>
      new SubgraphClient({ name, url: opts.subgraphUrls[name], timeoutMs: opts.fetchTimeoutMs, maxSockets: opts.maxSocketsPerSubgraph ?? 64, metrics }),
  );
  const clientByName = new Map(clients.map((c) => [c.name, c]));
  const apolloLogger = logger.child({ component: 'apollo' });
  const apolloLog = {
    debug: (m: unknown) => apolloLogger.debug(String(m)),
    info: (m: unknown) => apolloLogger.info(String(m)),
    warn: (m: unknown) => apolloLogger.warn(String(m)),
    error: (m: unknown) => apolloLogger.error(String(m)),
  };

  const cacheSettings = { ...DEFAULT_ENTITY_CACHE_SETTINGS, ...opts.entityCache };
  const entityCache = opts.live && cacheSettings.maxEntries > 0 ? new EntityCache(cacheSettings, metrics) : undefined;

  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    logger: apolloLog,
    // The supergraph's URLs are the embedded defaults; each name goes where this process is configured to send it.
    buildService: ({ name }) => {
      const client = clientByName.get(name);
      if (!client) throw new Error(`No URL configured for subgraph ${name}`);
      return new ObservedDataSource(client, logger.child({ component: 'subgraph' }), fetchDurations, opts.serviceToken, entityCache);
    },
  });

  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => {
    apiSchema = loaded;
    entityCache?.useSchema(loaded);
  });
  const validationRules = [createComplexityRule(limits)];

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLog,
    nodeEnv: opts.production ? 'production' : 'development',
    introspection: !opts.production,
    hideSchemaDetailsFromClientErrors: opts.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Operations by id come from the manifests only; nothing registers at run time (operations.ts).
    persistedQueries: { cache: manifestCache(safelist), ttl: null },
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // The token cap runs inside the parser, before any validation rule (hole 5 of issue #10).
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules,
    formatError: (formatted, error) => maskError(restoreLimitCode(formatted, error)),
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are used: the default cache-control plugin would wrap every field of every
      // answer to compute a policy (and a Cache-Control header) no one reads.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads Apollo Sandbox from a CDN: off everywhere (no CDN in any mode);
      // development gets the self-hosted GraphiQL instead (graphiql/page.ts).
      ApolloServerPluginLandingPageDisabled(),
      ...(opts.operations ? [safelistPlugin({ mode: opts.operations.mode, safelist, logger, maxTokens: limits.maxTokens })] : []),
      loggingPlugin(logger, operationMetrics(metrics, safelist)),
    ],
  });

  const destroyClients = () => clients.forEach((c) => c.destroy());
  const subgraphsReady = createReadiness(() => clients, logger, opts.readiness);
  let running: Awaited<ReturnType<typeof listen>>;
  let closing: Promise<void> | undefined;
  let metricsServer: RunningHttpServer | undefined;
  const feed = opts.live
    ? new LiveFeed({ transport: opts.live.transport, logger, onEvent: entityCache && ((envelope) => entityCache.invalidate(invalidatedBy(envelope))) })
    : null;
  const busWatch = entityCache && opts.live ? watchBus(opts.live.transport, entityCache, logger) : null;
  let live: ReturnType<typeof createLiveHandler> | null = null;
  try {
    await apollo.start();
    if (feed && opts.live) {
      await feed.start();
      live = createLiveHandler({
        ...DEFAULT_LIVE_SETTINGS,
        ...opts.live,
        apollo,
        feed,
        verify,
        schema: () => apiSchema,
        validationRules,
        logger,
        metrics,
      });
    }
    const handler = createGraphQLHttpHandler<GatewayContext>({
      apollo,
      logger,
      metrics,
      ready: async () => !closing && (await subgraphsReady()),
      // Shed load at the door: what is admitted is served within the subgraph fetch timeout.
      maxInFlight: opts.maxInFlight ?? 256,
      metricsExposure: opts.metricsExposure,
      // Contract: no token, a bad one or an expired one is UNAUTHENTICATED, before any subgraph is called.
      context: async ({ requestId, headers }) => {
        const token = bearerToken(headers.authorization);
        if (!token) {
          logger.info({ requestId, reason: 'no bearer token' }, 'unauthenticated');
          throw authError(undefined);
        }
        const actor = await verify(token).catch((error: unknown) => {
          logger.info({ requestId, reason: (error as Error).message }, 'unauthenticated');
          throw authError(error);
        });
        return { requestId, authorization: `Bearer ${token}`, personId: actor.personId, idempotencyKey: idempotencyKeyOf(headers), timedOut: new Set<string>() };
      },
    });
    if (opts.metricsExposure?.port) metricsServer = await listenMetrics(metrics, opts.metricsExposure.port, opts.host);
    const served = live;
    const graphiql = opts.graphiql ?? (!opts.production && (opts.operations?.mode ?? 'open') === 'open');
    const cors = withCors(handler, opts.corsOrigins ?? []);
    const site = graphiql ? withGraphiQL(cors, logger) : cors;
    running = await listen(served ? (req, res) => (isStreamRequest(req) ? void served.handle(req, res) : site(req, res)) : site, opts.port, opts.host);
    // Assigned before use: ready() only runs once listening.
  } catch (error) {
    await metricsServer?.close();
    busWatch?.stop();
    await feed?.stop().catch(() => undefined);
    await apollo.stop().catch(() => undefined);
    destroyClients();
    throw error;
  }

  return {
    url: running.url,
    port: running.port,
    close: () =>
      (closing ??= (async () => {
        // /health/ready answers 503 from now on, so a load balancer stops sending new work.
        // Open streams end with `complete` (clients reconnect elsewhere with Last-Event-ID).
        live?.closeAll();
        busWatch?.stop();
        await feed?.stop();
        await running.close(opts.shutdownGraceMs ?? 10_000);
        await apollo.stop();
        await metricsServer?.close();
        destroyClients();
      })()),
  };
}

/** How often the entity cache asks whether the bus still answers (it neither answers nor keeps anything while it does not). */
const BUS_WATCH_MS = 2_000;

/** Suspends the entity cache while the bus is away (events could be missed) and resumes it, empty, when it is back. */
function watchBus(transport: EventTransport, cache: EntityCache, logger: Logger): { stop(): void } {
  if (!transport.ready) return { stop: () => undefined };
  const ready = transport.ready.bind(transport);
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    ready()
      .catch(() => false)
      .then((up) => {
        if (up && !cache.serving) {
          logger.info('bus back: the entity cache serves again');
          cache.resume();
        } else if (!up && cache.serving) {
          logger.warn('bus away: the entity cache is suspended');
          cache.suspend();
        }
      })
      .finally(() => (checking = false));
  }, BUS_WATCH_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
