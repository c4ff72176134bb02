import { ApolloServer } from '@apollo/server';
import { createLogger } from '../logger';
import { Metrics, metricsExposure } from './metrics';
import { createGraphQLHttpHandler, listen, listenMetrics, type RunningHttpServer } from './server';

describe('Metrics (prom-client)', () => {
  it('keeps counter(name, help).inc() and get(), and renders Prometheus text with histograms, gauges and process metrics', async () => {
    const metrics = new Metrics();
    const c = metrics.counter('widgets_total', 'Widgets made');
    c.inc();
    metrics.counter('widgets_total', 'Widgets made').inc(2);
    expect(c.get()).toBe(3);
    metrics.histogram('work_seconds', 'Work', ['kind']).observe({ kind: 'a' }, 0.02);
    metrics.gauge('backlog', 'Rows waiting', [], (g) => g.set(7));
    const text = await metrics.render();
    expect(text).toMatch(/^widgets_total 3$/m);
    expect(text).toMatch(/^work_seconds_bucket\{le="0.025",kind="a"\} 1$/m);
    expect(text).toMatch(/^backlog 7$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(() => metrics.counter('bad-name', 'x')).toThrow(/Invalid metric name/);
  });

  it('exposes /metrics openly only outside production without settings', () => {
    expect(metricsExposure({ NODE_ENV: 'development' })).toEqual({ open: true });
    expect(metricsExposure({ NODE_ENV: 'production' })).toEqual({ open: false });
    expect(metricsExposure({ NODE_ENV: 'production', METRICS_TOKEN: 'a-long-metrics-token' })).toEqual({ token: 'a-long-metrics-token', open: false });
    expect(metricsExposure({ NODE_ENV: 'development', METRICS_PORT: 9464 })).toEqual({ port: 9464, open: false });
  });
});

describe('/metrics protection', () => {
  const servers: RunningHttpServer[] = [];
  let apollo: ApolloServer;
  const metrics = new Metrics({ processMetrics: false });
  metrics.counter('served_total', 'Served').inc();

  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    await apollo.start();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await apollo.stop();
  });

  const serve = async (exposure: Parameters<typeof createGraphQLHttpHandler>[0]['metricsExposure']) => {
    const handler = createGraphQLHttpHandler({ apollo, logger: createLogger('test', 'silent'), metrics, metricsExposure: exposure, ready: async () => true, context: async () => ({}) });
    const s = await listen(handler, 0, '127.0.0.1');
    servers.push(s);
    return new URL('/metrics', s.url).toString();
  };

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const url = await serve({ token: 'a-long-metrics-token', open: false });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-of-length' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: 'Bearer a-long-metrics-token' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^served_total 1$/m);
  });

  it('serves nothing on the public port in production without a token or port', async () => {
    expect((await fetch(await serve({ open: false }))).status).toBe(404);
  });

  it('serves /metrics only on METRICS_PORT when it is set', async () => {
    expect((await fetch(await serve({ port: 1, open: false }))).status).toBe(404);
    const own = await listenMetrics(metrics, 0, '127.0.0.1');
    servers.push(own);
    const res = await fetch(new URL('/metrics', own.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^served_total 1$/m);
    expect((await fetch(new URL('/graphql', own.url))).status).toBe(404);
  });
});
