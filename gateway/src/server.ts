import type http from 'node:http';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EventTransport } from '@linli/events';
import {
  bearerToken,
  createGraphQLHttpHandler,
  Metrics,
  createTokenVerifier,
  isPublicCode,
  listen,
  maskError,
  unauthenticated,
  type Logger,
  type TokenSettings,
} from '@linli/platform';
import { disableApolloTelemetry } from './env';
import { createComplexityRule, DEFAULT_LIMITS, restoreLimitCode, type QueryLimits } from './limits';
import { createReadiness, type ReadinessOptions } from './readiness';
import { SubgraphClient, SubgraphDataSource, type GatewayContext } from './subgraph-client';
import { LiveFeed } from './live/feed';
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
  /** Introspection, field suggestions and the landing page are off in production. */
  production: boolean;
  /** Deadline of one subgraph fetch. */
  fetchTimeoutMs: number;
  /** Keep-alive sockets per subgraph (default 64). */
  maxSocketsPerSubgraph?: number;
  limits?: Partial<QueryLimits>;
  readiness?: ReadinessOptions;
  /** How long close() lets in-flight requests finish before cutting connections (default 10 s). */
  shutdownGraceMs?: number;
  /** Subscriptions over SSE, fed from this bus (JetStream or the in-process one); without it `/graphql/stream` is 404. */
  live?: { transport: EventTransport } & Partial<LiveSettings>;
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

/** One JSON line per operation, and the unmasked cause of every error the client only sees as INTERNAL_SERVER_ERROR. */
function loggingPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const { requestId } = contextValue;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isPublicCode(code)) logger.debug({ requestId, code, path: error.path }, error.message);
            else logger.error({ requestId, path: error.path, err: error.originalError ?? error }, 'operation error');
          }
        },
        async willSendResponse({ operationName, response, errors }) {
          logger.info(
            {
              requestId,
              personId: contextValue.personId,
              operationName,
              status: response.http.status ?? 200,
              errors: errors?.map((e) => restoreLimitCode({ extensions: e.extensions }, e).extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              ms: Math.round(performance.now() - started),
            },
            'operation',
          );
        },
      };
    },
  };
}

/** Stops accepting, lets in-flight requests finish for `graceMs`, then cuts what is left. */
function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
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

  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    logger: apolloLog,
    // The supergraph's URLs are the embedded defaults; each name goes where this process is configured to send it.
    buildService: ({ name }) => {
      const client = clientByName.get(name);
      if (!client) throw new Error(`No URL configured for subgraph ${name}`);
      return new SubgraphDataSource(client, logger.child({ component: 'subgraph' }));
    },
  });

  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => {
    apiSchema = loaded;
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
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    validationRules,
    formatError: (formatted, error) => maskError(restoreLimitCode(formatted, error)),
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(opts.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      loggingPlugin(logger),
    ],
  });

  const destroyClients = () => clients.forEach((c) => c.destroy());
  let running: Awaited<ReturnType<typeof listen>>;
  const feed = opts.live ? new LiveFeed({ transport: opts.live.transport, logger }) : null;
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
      });
    }
    const handler = createGraphQLHttpHandler<GatewayContext>({
      apollo,
      logger,
      metrics,
      ready: createReadiness(() => clients, logger, opts.readiness),
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
        return { requestId, authorization: `Bearer ${token}`, personId: actor.personId };
      },
    });
    const served = live;
    running = await listen(served ? (req, res) => (isStreamRequest(req) ? void served.handle(req, res) : handler(req, res)) : handler, opts.port, opts.host);
  } catch (error) {
    await feed?.stop().catch(() => undefined);
    await apollo.stop().catch(() => undefined);
    destroyClients();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: running.url,
    port: running.port,
    close: () =>
      (closing ??= (async () => {
        // Open streams end with `complete` (clients reconnect elsewhere with Last-Event-ID).
        live?.closeAll();
        await feed?.stop();
        await closeGracefully(running.server, opts.shutdownGraceMs ?? 10_000);
        await apollo.stop();
        destroyClients();
      })()),
  };
}
