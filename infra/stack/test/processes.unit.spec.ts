import { SERVICE_NAMES } from '@linli/platform';
import { planDistributed } from '../src/processes';
import type { StackEnv } from '../src/env';

const env = (extra: Record<string, string> = {}) =>
  ({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: 4000,
    DATA_DIR: '.data',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/linli',
    NATS_URL: '127.0.0.1:4222',
    NATS_STREAM: 'LINLI',
    EVENT_SUBJECT_PREFIX: 'linli',
    REPLICAS: '',
    ...extra,
  }) as unknown as StackEnv;

describe('planDistributed', () => {
  it('connects each service and the gateway as its own NATS user when its password is given', () => {
    const passwords = Object.fromEntries([...SERVICE_NAMES, 'gateway'].map((s) => [`NATS_PASSWORD_${s.toUpperCase()}`, `pw-${s}`]));
    const plan = planDistributed(env(passwords));
    for (const p of plan) {
      const user = p.name.split('#')[0];
      expect({ name: p.name, user: p.env.NATS_USER, password: p.env.NATS_PASSWORD }).toEqual({ name: p.name, user, password: `pw-${user}` });
    }
    expect(plan.map((p) => p.name)).toContain('gateway');
  });

  it('leaves the local NATS without authorization alone when no password is given', () => {
    for (const p of planDistributed(env())) expect(p.env.NATS_USER).toBeUndefined();
  });
});
