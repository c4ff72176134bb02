import { z } from 'zod';
import { baseEnvSchema, ConfigError, metricsEnvSchema, port, queryLimitsEnvShape, tracingEnvSchema } from '@linli/platform';
import type { NatsCredentials } from '@linli/events';

/**
 * Settings every subgraph process reads (through its own env.ts). No
 * DATABASE_URL means embedded mode: an SQLite file under DATA_DIR.
 */
export const subgraphEnvSchema = (defaultPort: number) =>
  baseEnvSchema.extend({
    PORT: port(defaultPort),
    /** Loopback unless configured: only the gateway should reach a subgraph (set HOST to its private interface). */
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATA_DIR: z.string().default('.data'),
    NATS_URL: z.string().default('127.0.0.1:4222'),
    NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('LINLI'),
    /** Copies of the stream in a JetStream cluster (Kubernetes: 3). */
    NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    /** This service's NATS user (infra/nats/authorization.conf: one per service); required in production. */
    NATS_USER: z.string().min(1).optional(),
    NATS_PASSWORD: z.string().min(1).optional(),
    /** Or a .creds file (JWT + NKEY seed), or an NKEY seed. */
    NATS_CREDS: z.string().min(1).optional(),
    NATS_NKEY_SEED: z.string().min(1).optional(),
    /** TLS towards NATS: CA to trust, and a client certificate and key for mutual TLS. */
    NATS_TLS_CA: z.string().min(1).optional(),
    NATS_TLS_CERT: z.string().min(1).optional(),
    NATS_TLS_KEY: z.string().min(1).optional(),
    EVENT_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('linli'),
    /** The same limits as the gateway (QUERY_MAX_DEPTH, _ALIASES, _COST, _TOKENS). */
    ...queryLimitsEnvShape,
    /** The gateway's credential; when set, `_service { sdl }` answers only requests carrying it. */
    SUBGRAPH_SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Services that store files: an S3-compatible bucket (`s3://bucket?endpoint=…&region=…`); unset = a directory under DATA_DIR. */
    OBJECT_STORE_URL: z
      .string()
      .regex(/^s3:\/\/[a-z0-9.-]+(\?.*)?$/, 'must look like s3://<bucket>?endpoint=…&region=…')
      .optional(),
    /** The URL clients reach this process at, for a directory store's signed links (default: its own URL). */
    FILES_PUBLIC_URL: z.string().url().optional(),
    ...metricsEnvSchema.shape,
    ...tracingEnvSchema.shape,
    // Housekeeping (docs/operations.md): relayed outbox rows and processed-event marks older than these are pruned.
    OUTBOX_RETENTION_HOURS: z.coerce.number().positive().default(7 * 24),
    PROCESSED_EVENT_RETENTION_HOURS: z.coerce.number().positive().default(30 * 24),
    HOUSEKEEPING_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
    /** On SIGTERM: readiness 503 while still accepting for this long (the load balancer's reaction time), then the grace. */
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  });
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

/**
 * The NATS credentials of a subgraph process. Production refuses to run on
 * an open bus (issue #10, hole 4); outside it, no credentials is the local
 * NATS of development and tests.
 */
export function natsCredentials(env: SubgraphEnv): NatsCredentials | undefined {
  const problems: string[] = [];
  if (env.NATS_USER && !env.NATS_PASSWORD) problems.push('NATS_PASSWORD: required with NATS_USER');
  if (env.NODE_ENV === 'production' && !env.NATS_USER && !env.NATS_CREDS && !env.NATS_NKEY_SEED) {
    problems.push('NATS_USER/NATS_PASSWORD, NATS_CREDS or NATS_NKEY_SEED: required in production (infra/nats/authorization.conf)');
  }
  if (!!env.NATS_TLS_CERT !== !!env.NATS_TLS_KEY) problems.push('NATS_TLS_CERT and NATS_TLS_KEY: set both or neither');
  if (problems.length) throw new ConfigError(problems);
  const tls = env.NATS_TLS_CA || env.NATS_TLS_CERT ? { caFile: env.NATS_TLS_CA, certFile: env.NATS_TLS_CERT, keyFile: env.NATS_TLS_KEY } : undefined;
  if (!env.NATS_USER && !env.NATS_CREDS && !env.NATS_NKEY_SEED && !tls) return undefined;
  return { user: env.NATS_USER, password: env.NATS_PASSWORD, credsFile: env.NATS_CREDS, nkeySeed: env.NATS_NKEY_SEED, tls };
}
