import path from 'node:path';
import { z } from 'zod';
import { authSettings, baseEnvSchema, parseEnv, port, type TokenSettings } from '@linli/platform';
import { DEFAULT_LIMITS, type QueryLimits } from './limits';
import { SUBGRAPHS } from './subgraphs';
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/streams';

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
  QUERY_MAX_DEPTH: positiveInt(DEFAULT_LIMITS.maxDepth),
  QUERY_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxAliases),
  QUERY_MAX_COST: positiveInt(DEFAULT_LIMITS.maxCost),
  /** The bus live updates (subscriptions over SSE) are fed from; the same settings as the subgraphs'. */
  NATS_URL: z.string().default('127.0.0.1:4222'),
  NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('LINLI'),
  EVENT_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('linli'),
  STREAM_MAX_CONNECTIONS: positiveInt(DEFAULT_LIVE_SETTINGS.maxStreams),
  STREAM_MAX_PER_PERSON: positiveInt(DEFAULT_LIVE_SETTINGS.maxStreamsPerPerson),
  STREAM_HEARTBEAT_MS: positiveInt(DEFAULT_LIVE_SETTINGS.heartbeatMs),
  STREAM_MAX_CONCURRENT_UPDATES: positiveInt(DEFAULT_LIVE_SETTINGS.maxConcurrentUpdates),
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
  events: { servers: string; streamName: string; subjectPrefix: string };
  live: LiveSettings;
}

/** Validated settings; a wrong value throws platform's ConfigError naming the variable. */
export function loadSettings(source: Record<string, string | undefined> = process.env): GatewaySettings {
  const env = parseEnv(gatewayEnvSchema, source);
  return {
    port: env.PORT,
    host: env.HOST,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    supergraphPath: path.resolve(env.SUPERGRAPH_PATH),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, (env as unknown as Record<string, string>)[s.urlVariable]])),
    auth: authSettings(env),
    fetchTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    maxSocketsPerSubgraph: env.SUBGRAPH_MAX_SOCKETS,
    limits: { maxDepth: env.QUERY_MAX_DEPTH, maxAliases: env.QUERY_MAX_ALIASES, maxCost: env.QUERY_MAX_COST },
    events: { servers: env.NATS_URL, streamName: env.NATS_STREAM, subjectPrefix: env.EVENT_SUBJECT_PREFIX },
    live: { maxStreams: env.STREAM_MAX_CONNECTIONS, maxStreamsPerPerson: env.STREAM_MAX_PER_PERSON, heartbeatMs: env.STREAM_HEARTBEAT_MS, maxConcurrentUpdates: env.STREAM_MAX_CONCURRENT_UPDATES },
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
