import { z } from 'zod';
import { baseEnvSchema, port } from '@linli/platform';

/**
 * Settings every subgraph process reads (through its own env.ts). No
 * DATABASE_URL means embedded mode: an SQLite file under DATA_DIR.
 */
export const subgraphEnvSchema = (defaultPort: number) =>
  baseEnvSchema.extend({
    PORT: port(defaultPort),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATA_DIR: z.string().default('.data'),
    NATS_URL: z.string().default('127.0.0.1:4222'),
    NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('LINLI'),
    EVENT_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('linli'),
    // Housekeeping (docs/operations.md): relayed outbox rows and processed-event marks older than these are pruned.
    OUTBOX_RETENTION_HOURS: z.coerce.number().positive().default(7 * 24),
    PROCESSED_EVENT_RETENTION_HOURS: z.coerce.number().positive().default(30 * 24),
    HOUSEKEEPING_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  });
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
