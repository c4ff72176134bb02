import { z } from 'zod';
import type { TokenSettings } from './auth/tokens';

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

/** HS256 keys shorter than the hash output are brute-forceable offline from any one token. */
export const MIN_JWT_SECRET_BYTES = 32;

/** Settings every process shares; env.ts files extend this. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_JWT_SECRET: z
    .string()
    .refine((s) => Buffer.byteLength(s, 'utf8') >= MIN_JWT_SECRET_BYTES, `must be at least ${MIN_JWT_SECRET_BYTES} bytes`)
    .optional(),
  AUTH_JWKS_URL: z
    .string()
    .url()
    .refine((u) => u.startsWith('https://'), 'must be an https:// URL (keys fetched in clear text could be swapped)')
    .optional(),
  /** Expected `iss` and `aud` claims: checked when set, required in production with JWKS. */
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Clock skew allowed on `exp`/`nbf`/`iat`, in seconds (default 5, at most 30). */
  AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(30, 'must be at most 30 seconds').optional(),
});

/**
 * The development secret, committed in this repository and so known to
 * everyone: only embedded mode (`npm start` on one machine) may use it, and
 * every other process refuses it even when it is set explicitly.
 */
export const DEVELOPMENT_JWT_SECRET = 'linli-development-secret-change-me';

export const DEFAULT_CLOCK_TOLERANCE_S = 5;

/**
 * How a process was started. `embedded` is only ever passed by the embedded
 * launcher (and its token command), never read from the environment, so no
 * setting (an unset NODE_ENV included) can make a deployed process fall back
 * to the development secret.
 */
export type RunMode = 'embedded' | 'distributed';

/**
 * The token verification settings of a process, checked against the rules of
 * the issue "Trust" (hole 3):
 * - `AUTH_JWKS_URL` (https) wins; with NODE_ENV=production it needs
 *   `AUTH_ISSUER` and `AUTH_AUDIENCE` (keys of an identity provider sign
 *   tokens for many applications);
 * - else `AUTH_JWT_SECRET` (≥ 32 bytes, never the development value outside
 *   embedded mode);
 * - else embedded mode gets the development secret, and anything else stops.
 */
export function authSettings(env: z.infer<typeof baseEnvSchema>, mode: RunMode = 'distributed'): TokenSettings {
  const common = {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    clockToleranceS: env.AUTH_CLOCK_TOLERANCE_S ?? DEFAULT_CLOCK_TOLERANCE_S,
  };
  const withClaims = (s: TokenSettings): TokenSettings =>
    Object.fromEntries(Object.entries({ ...s, ...common }).filter(([, v]) => v !== undefined)) as TokenSettings;
  if (env.AUTH_JWKS_URL) {
    const missing = (['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const).filter((k) => !env[k]);
    if (env.NODE_ENV === 'production' && missing.length) {
      throw new ConfigError(missing.map((k) => `${k}: required in production with AUTH_JWKS_URL`));
    }
    return withClaims({ jwksUrl: env.AUTH_JWKS_URL });
  }
  if (env.AUTH_JWT_SECRET) {
    if (env.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET && mode !== 'embedded') {
      throw new ConfigError(['AUTH_JWT_SECRET: the development secret is public and only allowed in embedded mode (npm start)']);
    }
    return withClaims({ secret: env.AUTH_JWT_SECRET });
  }
  if (mode === 'embedded') return withClaims({ secret: DEVELOPMENT_JWT_SECRET });
  throw new ConfigError([
    `AUTH_JWT_SECRET or AUTH_JWKS_URL: required outside embedded mode (a secret of at least ${MIN_JWT_SECRET_BYTES} bytes, e.g. \`openssl rand -hex 32\`, or an https JWKS URL); only \`npm start\` may use the development secret`,
  ]);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
