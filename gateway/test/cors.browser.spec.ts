import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, signToken } from '@linli/platform';
import { composeSupergraph } from '../src/compose';
import { createGateway, type RunningGateway } from '../src/server';
import { launchChromium, type TestBrowser } from './support/chromium';
import { startOrganisations, type TestSubgraph } from './support/subgraphs';

/**
 * Browser access (issue 16): a page served from another origin calls the
 * gateway from a real Chromium (Debian's, installed by .ci/run), through the
 * browser's own CORS preflight, and reads the answer; a page from an origin
 * that is not listed cannot read anything.
 */
const SECRET = 'cors-test-secret-0123456789';

let organisations: TestSubgraph;
let gateway: RunningGateway;
let allowedPage: { origin: string; close(): Promise<void> };
let otherPage: { origin: string; close(): Promise<void> };
let browser: TestBrowser;
let token: string;

/** A tiny page on its own port: a different origin from the gateway's. */
async function servePage(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>app</title><p id="out">waiting</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  organisations = await startOrganisations(SECRET);
  [allowedPage, otherPage] = await Promise.all([servePage(), servePage()]);
  gateway = await createGateway({
    supergraphSdl: composeSupergraph([organisations]),
    subgraphUrls: { organisations: organisations.url },
    port: 0,
    host: '127.0.0.1',
    auth: { secret: SECRET },
    logger: createLogger('cors-test', 'silent'),
    production: true,
    fetchTimeoutMs: 2000,
    corsOrigins: [allowedPage.origin],
  });
  token = await signToken({ sub: 'p-1', roles: ['DISTRICT_ADMIN'], orgs: ['1'] }, SECRET);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([gateway?.close(), allowedPage?.close(), otherPage?.close()]);
  await organisations?.close();
});

/** Runs fetch() inside a page of `origin` (the browser applies CORS) and returns what the page could read. */
async function callFromPage(origin: string): Promise<{ ok: true; status: number; body: any; requestId: string | null } | { ok: false; error: string }> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${origin}/`);
    return await page.evaluate(
      async ({ url, token }) => {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'apollographql-client-name': 'community-console',
              'apollographql-client-version': '2.1.0',
            },
            body: JSON.stringify({ query: '{ organisation(id: "1") { id name } }' }),
          });
          const body = (await res.json()) as { data?: { organisation?: { name?: string } } };
          return { ok: true as const, status: res.status, body, requestId: res.headers.get('x-request-id') };
        } catch (error) {
          return { ok: false as const, error: String(error) };
        }
      },
      { url: gateway.url, token },
    );
  } finally {
    await page.close();
  }
}

describe('a browser app on another origin', () => {
  it('calls the gateway and reads the result (preflight, then the POST)', async () => {
    const result = await callFromPage(allowedPage.origin);
    expect(result).toMatchObject({ ok: true, status: 200, body: { data: { organisation: { id: '1', name: 'Chaoyang District' } } } });
    // x-request-id is exposed to the page, so an app can quote it in a support request.
    expect(result.ok && result.requestId).toMatch(/^[\w-]+$/);
  });

  it('cannot read anything from an origin that is not listed', async () => {
    const result = await callFromPage(otherPage.origin);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/Failed to fetch/);
  });
});

describe('CORS at the HTTP level', () => {
  const preflight = (origin: string) =>
    fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,apollographql-client-name' },
    });

  it('answers a listed origin’s preflight with 204, its origin, the methods and headers, and no credentials', async () => {
    const res = await preflight(allowedPage.origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowedPage.origin);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'apollographql-client-name', 'apollographql-client-version']),
    );
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('gives an unlisted origin’s preflight no CORS headers', async () => {
    const res = await preflight(otherPage.origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('keeps Apollo’s CSRF prevention: a simple cross-site POST (text/plain) from a listed origin is refused before any operation runs', async () => {
    const before = organisations.calls.length;
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: allowedPage.origin, 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ organisation(id: "1") { id } }' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
    expect(organisations.calls.length).toBe(before);
  });
});
