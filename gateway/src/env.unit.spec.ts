import path from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET, SERVICES } from '@linli/platform';
import { loadSettings } from './env';

describe('loadSettings', () => {
  const SECRET = 'a-gateway-test-secret-of-32-bytes!';

  it('has safe defaults (a secret is the one required setting)', () => {
    const s = loadSettings({ AUTH_JWT_SECRET: SECRET });
    expect(s.port).toBe(4000);
    expect(s.production).toBe(false);
    // Every service of the one registry, on its port.
    expect(s.subgraphUrls).toEqual(Object.fromEntries(SERVICES.map((x) => [x.name, `http://127.0.0.1:${x.port}/graphql`])));
    expect(s.subgraphUrls).toMatchObject({ organisations: 'http://127.0.0.1:4001/graphql', evaluations: 'http://127.0.0.1:4004/graphql', owners: 'http://127.0.0.1:4005/graphql' });
    expect(s.supergraphPath).toBe(path.resolve(__dirname, '..', 'supergraph.graphql'));
    expect(s.auth).toEqual({ secret: SECRET, clockToleranceS: 5 });
    expect(s.limits).toEqual({ maxDepth: 15, maxAliases: 30, maxCost: 20_000, maxTokens: 2_000 });
    expect(s.fetchTimeoutMs).toBe(10_000);
    expect(s.corsOrigins).toEqual([]);
    expect(s.operations).toBe('open');
    expect(s.metrics).toEqual({ open: true });
    expect(s.tracing).toEqual({ endpoint: undefined, serviceName: 'gateway' });
  });

  it('is safelisted with /metrics closed in production unless told otherwise', () => {
    const jwks = { AUTH_JWKS_URL: 'https://auth.example/jwks.json', AUTH_ISSUER: 'https://auth.example/', AUTH_AUDIENCE: 'linli', NATS_USER: 'gateway', NATS_PASSWORD: 'pw' };
    const s = loadSettings({ NODE_ENV: 'production', ...jwks });
    expect(s.operations).toBe('safelist');
    expect(s.metrics).toEqual({ open: false });
    const t = loadSettings({
      NODE_ENV: 'production',
      ...jwks,
      OPERATIONS: 'open',
      METRICS_PORT: '9464',
      CORS_ORIGINS: 'https://resident.example.cn, http://localhost:5173',
    });
    expect(t.operations).toBe('open');
    expect(t.metrics).toEqual({ port: 9464, open: false });
    expect(t.corsOrigins).toEqual(['https://resident.example.cn', 'http://localhost:5173']);
  });

  it('reads the stream as its own NATS user, required in production (infra/nats/authorization.conf)', () => {
    const jwks = { AUTH_JWKS_URL: 'https://auth.example/jwks.json', AUTH_ISSUER: 'https://auth.example/', AUTH_AUDIENCE: 'linli' };
    expect(loadSettings({ AUTH_JWT_SECRET: SECRET }).events.credentials).toBeUndefined();
    expect(loadSettings({ NODE_ENV: 'production', ...jwks, NATS_USER: 'gateway', NATS_PASSWORD: 'pw' }).events.credentials).toMatchObject({ user: 'gateway', password: 'pw' });
    expect(() => loadSettings({ NODE_ENV: 'production', ...jwks })).toThrow(/NATS_USER\/NATS_PASSWORD, NATS_CREDS or NATS_NKEY_SEED: required in production/);
    expect(() => loadSettings({ AUTH_JWT_SECRET: SECRET, NATS_USER: 'gateway' })).toThrow(/NATS_PASSWORD: required with NATS_USER/);
  });

  it('takes overrides', () => {
    const s = loadSettings({
      PORT: '8080',
      SUBGRAPH_TICKETS_URL: 'http://tickets:4000/graphql',
      SUBGRAPH_TIMEOUT_MS: '2500',
      AUTH_JWKS_URL: 'https://auth.example/jwks.json',
      AUTH_ISSUER: 'https://auth.example',
      AUTH_AUDIENCE: 'linli',
      NODE_ENV: 'production',
      QUERY_MAX_COST: '5000',
      NATS_USER: 'gateway',
      NATS_PASSWORD: 'pw',
    });
    expect(s.port).toBe(8080);
    expect(s.subgraphUrls.tickets).toBe('http://tickets:4000/graphql');
    expect(s.fetchTimeoutMs).toBe(2500);
    expect(s.auth).toEqual({ jwksUrl: 'https://auth.example/jwks.json', issuer: 'https://auth.example', audience: 'linli', clockToleranceS: 5 });
    expect(s.production).toBe(true);
    expect(s.limits.maxCost).toBe(5000);
  });

  const ok = { AUTH_JWT_SECRET: SECRET };
  it.each([
    [{ ...ok, PORT: 'eighty' }, 'PORT'],
    [{ ...ok, SUBGRAPH_GRIDS_URL: 'not a url' }, 'SUBGRAPH_GRIDS_URL'],
    [{ ...ok, SUBGRAPH_GRIDS_URL: 'ftp://grids/graphql' }, 'SUBGRAPH_GRIDS_URL'],
    [{ ...ok, SUBGRAPH_TIMEOUT_MS: '0' }, 'SUBGRAPH_TIMEOUT_MS'],
    [{ ...ok, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    // NODE_ENV unset is no excuse: the gateway process is never embedded mode.
    [{}, 'AUTH_JWT_SECRET or AUTH_JWKS_URL'],
    [{ NODE_ENV: 'production' }, 'AUTH_JWT_SECRET or AUTH_JWKS_URL'],
    [{ AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }, 'only allowed in embedded mode'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://app.example/path' }, 'CORS_ORIGINS'],
    [{ OPERATIONS: 'closed' }, 'OPERATIONS'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
  ])('names the wrong setting in %j', (source: Record<string, string>, name) => {
    expect(() => loadSettings(source)).toThrow(ConfigError);
    expect(() => loadSettings(source)).toThrow(name);
  });
});
