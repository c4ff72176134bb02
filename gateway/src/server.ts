import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import {
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
  maskError,
  unauthenticated,
  type Logger,
  type TokenSettings,
} from '@linli/platform';
import { disableApolloTelemetry } from './env';
import { createReadiness, type ReadinessOptions } from './readiness';
import { SubgraphClient, SubgraphDataSource, type GatewayContext } from './subgraph-client';

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
  /** Sent to every subgraph as `x-linli-service-token` (SUBGRAPH_SERVICE_TOKEN). */
  serviceToken?: string;
  readiness?: ReadinessOptions;
  /** How long close() lets in-flight requests finish before cutting connections (default 10 s). */
  shutdownGraceMs?: number;
  /** Operations served at once before refusing with 503 (default 256). */
  maxInFlight?: number;
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
      return new SubgraphDataSource(client, logger.child({ component: 'subgraph' }), opts.serviceToken);
    },
  });

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
    // The token cap runs inside the parser, before any validation rule (hole 5 of issue #10).
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [createComplexityRule(limits)],
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
  const subgraphsReady = createReadiness(() => clients, logger, opts.readiness);
  let running: Awaited<ReturnType<typeof listen>>;
  let closing: Promise<void> | undefined;
  try {
    await apollo.start();
    const handler = createGraphQLHttpHandler<GatewayContext>({
      apollo,
      logger,
      metrics,
      ready: async () => !closing && (await subgraphsReady()),
      // Shed load at the door: what is admitted is served within the subgraph fetch timeout.
      maxInFlight: opts.maxInFlight ?? 256,
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
    running = await listen(handler, opts.port, opts.host);
    // Assigned before use: ready() only runs once listening.
  } catch (error) {
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
        await running.close(opts.shutdownGraceMs ?? 10_000);
        await apollo.stop();
        destroyClients();
      })()),
  };
}
