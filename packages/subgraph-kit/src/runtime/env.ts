import { z } from 'zod';
import { baseEnvSchema, port, queryLimitsEnvShape } from '@linli/platform';

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
    EVENT_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('linli'),
    /** The same limits as the gateway (QUERY_MAX_DEPTH, _ALIASES, _COST, _TOKENS). */
    ...queryLimitsEnvShape,
    /** The gateway's credential; when set, `_service { sdl }` answers only requests carrying it. */
    SUBGRAPH_SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  });
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
