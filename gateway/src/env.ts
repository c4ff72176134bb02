import path from 'node:path';
import { z } from 'zod';
import {
  authSettings,
  baseEnvSchema,
  metricsEnvSchema,
  metricsExposure,
  natsCredentialsEnvShape,
  natsCredentialsFromEnv,
  parseEnv,
  port,
  queryLimitsEnvShape,
  queryLimitsFromEnv,
  tracingEnvSchema,
  tracingSettings,
  type MetricsExposure,
  type NatsCredentialSettings,
  type QueryLimits,
  type RunMode,
  type TokenSettings,
  type TracingSettings,
} from '@linli/platform';
import { isOrigin } from './cors';
import { OPERATIONS_DIR, type OperationsMode } from './operations';
import { SUBGRAPHS } from './subgraphs';
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/streams';
import { DEFAULT_ENTITY_CACHE_SETTINGS, type EntityCacheSettings } from './entity-cache/entity-cache';

// The only module of the gateway that touches process.env (STYLE "Config").

const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, '..', 'supergraph.graphql');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const httpUrl = (fallback: string) => z.string().refine(isHttpUrl, 'must be an http(s) URL').default(fallback);

const subgraphUrlSchema = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlVariable, httpUrl(s.defaultUrl)])) as Record<
  string,
  ReturnType<typeof httpUrl>
>;

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: port(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  ...subgraphUrlSchema,
  /** A subgraph fetch (connect, headers and body) that takes longer fails instead of hanging the request. */
  SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
  /** Cap on concurrent keep-alive sockets to each subgraph. */
  SUBGRAPH_MAX_SOCKETS: positiveInt(64),
  ...queryLimitsEnvShape,
  /**
   * Sent to every subgraph (`x-linli-service-token`): the credential that lets
   * the gateway (and only it, with the same value in each subgraph) read a
   * subgraph's `_service { sdl }` outside development.
   */
  SUBGRAPH_SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Comma-separated origins of the browser apps allowed to call the gateway; empty: none. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.every(isOrigin), 'must be a comma-separated list of origins (scheme://host[:port], no path, no *)'),
  /** safelist: only documents of the persisted-operation manifests run; open: others run and are logged. Default: safelist in production. */
  OPERATIONS: z.enum(['safelist', 'open']).optional(),
  /** The persisted-operation manifests (npm run compose writes them); default: gateway/persisted-operations. */
  PERSISTED_OPERATIONS_DIR: z.string().min(1).default(OPERATIONS_DIR),
  ...metricsEnvSchema.shape,
  ...tracingEnvSchema.shape,
  /** The bus live updates (subscriptions over SSE) are fed from; the same settings as the subgraphs'. */
  NATS_URL: z.string().default('127.0.0.1:4222'),
  NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('LINLI'),
  EVENT_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('linli'),
  /** The gateway's own NATS user (`gateway` in infra/nats/authorization.conf: it may read the stream, never publish); required in production. */
  ...natsCredentialsEnvShape,
  STREAM_MAX_CONNECTIONS: positiveInt(DEFAULT_LIVE_SETTINGS.maxStreams),
  STREAM_MAX_PER_PERSON: positiveInt(DEFAULT_LIVE_SETTINGS.maxStreamsPerPerson),
  STREAM_HEARTBEAT_MS: positiveInt(DEFAULT_LIVE_SETTINGS.heartbeatMs),
  STREAM_MAX_CONCURRENT_UPDATES: positiveInt(DEFAULT_LIVE_SETTINGS.maxConcurrentUpdates),
  /** Public registry entities the gateway keeps (docs/performance.md, "The entity cache"); 0 switches the cache off. */
  ENTITY_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).default(DEFAULT_ENTITY_CACHE_SETTINGS.maxEntries),
  /** Longest an entity is kept without an event about it. */
  ENTITY_CACHE_TTL_MS: positiveInt(DEFAULT_ENTITY_CACHE_SETTINGS.ttlMs),
});

export interface GatewaySettings {
  port: number;
  host: string;
  production: boolean;
  logLevel: string;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  auth: TokenSettings;
  fetchTimeoutMs: number;
  maxSocketsPerSubgraph: number;
  limits: QueryLimits;
  serviceToken?: string;
  corsOrigins: string[];
  operations: OperationsMode;
  persistedOperationsDir: string;
  metrics: MetricsExposure;
  tracing: TracingSettings;
  events: { servers: string; streamName: string; subjectPrefix: string; credentials?: NatsCredentialSettings };
  live: LiveSettings;
  entityCache: EntityCacheSettings;
}

/**
 * Validated settings; a wrong value throws platform's ConfigError naming the
 * variable. `gateway/dist/main.js` is never embedded mode: it needs a real
 * AUTH_JWT_SECRET or AUTH_JWKS_URL.
 */
export function loadSettings(source: Record<string, string | undefined> = process.env, mode: RunMode = 'distributed'): GatewaySettings {
  const env = parseEnv(gatewayEnvSchema, source);
  return {
    port: env.PORT,
    host: env.HOST,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    supergraphPath: path.resolve(env.SUPERGRAPH_PATH),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, (env as unknown as Record<string, string>)[s.urlVariable]])),
    auth: authSettings(env, mode),
    fetchTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    maxSocketsPerSubgraph: env.SUBGRAPH_MAX_SOCKETS,
    limits: queryLimitsFromEnv(env),
    serviceToken: env.SUBGRAPH_SERVICE_TOKEN,
    corsOrigins: env.CORS_ORIGINS,
    operations: env.OPERATIONS ?? (env.NODE_ENV === 'production' ? 'safelist' : 'open'),
    persistedOperationsDir: path.resolve(env.PERSISTED_OPERATIONS_DIR),
    metrics: metricsExposure(env),
    tracing: tracingSettings(env, 'gateway'),
    events: { servers: env.NATS_URL, streamName: env.NATS_STREAM, subjectPrefix: env.EVENT_SUBJECT_PREFIX, credentials: natsCredentialsFromEnv(env) },
    live: { maxStreams: env.STREAM_MAX_CONNECTIONS, maxStreamsPerPerson: env.STREAM_MAX_PER_PERSON, heartbeatMs: env.STREAM_HEARTBEAT_MS, maxConcurrentUpdates: env.STREAM_MAX_CONCURRENT_UPDATES },
    entityCache: { maxEntries: env.ENTITY_CACHE_MAX_ENTRIES, ttlMs: env.ENTITY_CACHE_TTL_MS },
  };
}

/**
 * @apollo/gateway reads APOLLO_TELEMETRY_DISABLED itself when constructed and,
 * unless it is set, exports host metrics to Apollo's servers. The gateway never
 * reports usage anywhere, so it is switched off before every construction.
 */
export function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
