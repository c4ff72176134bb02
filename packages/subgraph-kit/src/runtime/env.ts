import { z } from 'zod';
import { baseEnvSchema, metricsEnvSchema, port, tracingEnvSchema } from '@linli/platform';

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
    /** Copies of the stream in a JetStream cluster (Kubernetes: 3). */
    NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    EVENT_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('linli'),
    ...metricsEnvSchema.shape,
    ...tracingEnvSchema.shape,
  });
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
