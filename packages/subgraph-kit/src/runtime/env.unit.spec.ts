import { ConfigError, DEFAULT_LIMITS, parseEnv, queryLimitsFromEnv } from '@linli/platform';
import { natsCredentials, subgraphEnvSchema } from './env';

const load = (source: Record<string, string>) => parseEnv(subgraphEnvSchema(4002), source);

describe('subgraph settings (issue #10)', () => {
  it('bind to loopback unless HOST is configured', () => {
    expect(load({}).HOST).toBe('127.0.0.1');
    expect(load({ HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5');
  });

  it('take the same query limits as the gateway', () => {
    expect(queryLimitsFromEnv(load({}))).toEqual(DEFAULT_LIMITS);
    expect(queryLimitsFromEnv(load({ QUERY_MAX_DEPTH: '10', QUERY_MAX_TOKENS: '500' }))).toMatchObject({ maxDepth: 10, maxTokens: 500 });
  });

  it('connect to NATS anonymously only outside production', () => {
    expect(natsCredentials(load({}))).toBeUndefined();
    expect(() => natsCredentials(load({ NODE_ENV: 'production' }))).toThrow(ConfigError);
    expect(() => natsCredentials(load({ NODE_ENV: 'production' }))).toThrow(/NATS_USER\/NATS_PASSWORD, NATS_CREDS or NATS_NKEY_SEED: required in production/);
    expect(natsCredentials(load({ NODE_ENV: 'production', NATS_USER: 'grids', NATS_PASSWORD: 'pw' }))).toMatchObject({ user: 'grids', password: 'pw' });
    expect(natsCredentials(load({ NODE_ENV: 'production', NATS_CREDS: '/run/secrets/grids.creds' }))).toMatchObject({ credsFile: '/run/secrets/grids.creds' });
  });

  it('name incomplete NATS credentials', () => {
    expect(() => natsCredentials(load({ NATS_USER: 'grids' }))).toThrow(/NATS_PASSWORD: required with NATS_USER/);
    expect(() => natsCredentials(load({ NATS_TLS_CERT: '/c.pem' }))).toThrow(/NATS_TLS_CERT and NATS_TLS_KEY/);
    expect(natsCredentials(load({ NATS_TLS_CA: '/ca.pem' }))).toEqual({ tls: { caFile: '/ca.pem' } });
  });
});
