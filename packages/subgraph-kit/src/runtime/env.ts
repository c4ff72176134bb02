import { z } from 'zod';
import { baseEnvSchema, metricsEnvSchema, natsCredentialsEnvShape, natsCredentialsFromEnv, port, queryLimitsEnvShape, tracingEnvSchema } from '@linli/platform';
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
    ...natsCredentialsEnvShape,
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

/** The NATS credentials of a subgraph process (platform's rule, shared with the gateway). */
export function natsCredentials(env: SubgraphEnv): NatsCredentials | undefined {
  return natsCredentialsFromEnv(env);
}
