import { z } from 'zod';

/**
 * Parses a process's settings with a zod schema. A wrong or missing setting
 * throws one error that names every offending variable, so a process stops at
 * start-up with a message an operator can act on (never half-configured).
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv<S extends z.ZodTypeAny>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/** Settings every process shares; env.ts files extend this. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
});

/** The development secret embedded mode and tests fall back to; refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'linli-development-secret-change-me';

export function authSettings(env: z.infer<typeof baseEnvSchema>): { secret?: string; jwksUrl?: string } {
  if (env.AUTH_JWKS_URL) return { jwksUrl: env.AUTH_JWKS_URL };
  if (env.AUTH_JWT_SECRET) return { secret: env.AUTH_JWT_SECRET };
  if (env.NODE_ENV === 'production') throw new ConfigError(['AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production']);
  return { secret: DEVELOPMENT_JWT_SECRET };
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
