import path from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { loadSettings } from './env';

describe('loadSettings', () => {
  it('has safe defaults for embedded mode', () => {
    const s = loadSettings({});
    expect(s.port).toBe(4000);
    expect(s.production).toBe(false);
    expect(s.subgraphUrls).toEqual({
      organisations: 'http://127.0.0.1:4001/graphql',
      grids: 'http://127.0.0.1:4002/graphql',
      tickets: 'http://127.0.0.1:4003/graphql',
      evaluations: 'http://127.0.0.1:4004/graphql',
      notifications: 'http://127.0.0.1:4006/graphql',
    });
    expect(s.supergraphPath).toBe(path.resolve(__dirname, '..', 'supergraph.graphql'));
    expect(s.auth).toEqual({ secret: DEVELOPMENT_JWT_SECRET });
    expect(s.limits).toEqual({ maxDepth: 15, maxAliases: 30, maxCost: 20_000 });
    expect(s.fetchTimeoutMs).toBe(10_000);
  });

  it('takes overrides', () => {
    const s = loadSettings({
      PORT: '8080',
      SUBGRAPH_TICKETS_URL: 'http://tickets:4000/graphql',
      SUBGRAPH_TIMEOUT_MS: '2500',
      AUTH_JWKS_URL: 'https://auth.example/jwks.json',
      NODE_ENV: 'production',
      QUERY_MAX_COST: '5000',
    });
    expect(s.port).toBe(8080);
    expect(s.subgraphUrls.tickets).toBe('http://tickets:4000/graphql');
    expect(s.fetchTimeoutMs).toBe(2500);
    expect(s.auth).toEqual({ jwksUrl: 'https://auth.example/jwks.json' });
    expect(s.production).toBe(true);
    expect(s.limits.maxCost).toBe(5000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SUBGRAPH_GRIDS_URL: 'not a url' }, 'SUBGRAPH_GRIDS_URL'],
    [{ SUBGRAPH_GRIDS_URL: 'ftp://grids/graphql' }, 'SUBGRAPH_GRIDS_URL'],
    [{ SUBGRAPH_TIMEOUT_MS: '0' }, 'SUBGRAPH_TIMEOUT_MS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production' }, 'AUTH_JWT_SECRET or AUTH_JWKS_URL'],
  ])('names the wrong setting in %j', (source, name) => {
    expect(() => loadSettings(source)).toThrow(ConfigError);
    expect(() => loadSettings(source)).toThrow(name);
  });
});
