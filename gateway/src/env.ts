import path from 'node:path';
import { z } from 'zod';
import { authSettings, baseEnvSchema, parseEnv, port, queryLimitsEnvShape, queryLimitsFromEnv, type QueryLimits, type RunMode, type TokenSettings } from '@linli/platform';
import { SUBGRAPHS } from './subgraphs';

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
