import { z } from 'zod';
import { parseEnv } from '@linli/platform';
import { subgraphEnvSchema } from '@linli/subgraph-kit';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const webhookEnvSchema = z.object({
  /** `http` and private, loopback or link-local targets; default: allowed in embedded mode only (tests, on-premises gateways). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).optional(),
  /** One POST (connect, headers and body) that takes longer is a failed attempt. */
  WEBHOOK_TIMEOUT_MS: ms(10_000),
  /** First retry delay; doubles per attempt up to the cap. */
  WEBHOOK_RETRY_BASE_MS: ms(10_000),
  WEBHOOK_RETRY_CAP_MS: ms(3_600_000),
  /** How long a delivery keeps being retried before it is left failed (contract: at least 24 h). */
  WEBHOOK_RETRY_FOR_MS: ms(25 * 3_600_000),
  /** How often the delivery worker looks for due deliveries. */
  WEBHOOK_POLL_MS: ms(1_000),
});

/** The only reader of process.env in this service. */
export const loadEnv = () => parseEnv(subgraphEnvSchema(4006).merge(webhookEnvSchema), process.env);

export interface WebhookSettings {
  allowPrivate: boolean;
  timeoutMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  retryForMs: number;
  pollMs: number;
}

/**
 * Webhook settings, read when used (registration, each delivery pass) so a
 * deployment's change takes effect without a code path of its own.
 * `embedded` is the run mode's default for WEBHOOK_ALLOW_PRIVATE.
 */
export function webhookSettings(embedded: boolean): WebhookSettings {
  const env = parseEnv(webhookEnvSchema, process.env);
  return {
    allowPrivate: env.WEBHOOK_ALLOW_PRIVATE ? env.WEBHOOK_ALLOW_PRIVATE === 'true' : embedded,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    retryCapMs: env.WEBHOOK_RETRY_CAP_MS,
    retryForMs: env.WEBHOOK_RETRY_FOR_MS,
    pollMs: env.WEBHOOK_POLL_MS,
  };
}
