import { z } from 'zod';
import { ConfigError } from './config';

/**
 * Who a process is to NATS (docs/security.md, "Event bus"): the same
 * variables for every process that connects, subgraphs and the gateway alike.
 */
export const natsCredentialsEnvShape = {
  /** This process's NATS user (infra/nats/authorization.conf: one per service, and one for the gateway); required in production. */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  /** Or a .creds file (JWT + NKEY seed), or an NKEY seed. */
  NATS_CREDS: z.string().min(1).optional(),
  NATS_NKEY_SEED: z.string().min(1).optional(),
  /** TLS towards NATS: CA to trust, and a client certificate and key for mutual TLS. */
  NATS_TLS_CA: z.string().min(1).optional(),
  NATS_TLS_CERT: z.string().min(1).optional(),
  NATS_TLS_KEY: z.string().min(1).optional(),
};

type NatsCredentialsEnv = { NODE_ENV?: string } & { [K in keyof typeof natsCredentialsEnvShape]?: string };

/** What `natsCredentialsFromEnv` returns: @linli/events' NatsCredentials. */
export interface NatsCredentialSettings {
  user?: string;
  password?: string;
  credsFile?: string;
  nkeySeed?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/**
 * The NATS credentials of a process. Production refuses to run on an open bus
 * (issue #10, hole 4); outside it, no credentials is the local NATS of
 * development and tests.
 */
export function natsCredentialsFromEnv(env: NatsCredentialsEnv): NatsCredentialSettings | undefined {
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
