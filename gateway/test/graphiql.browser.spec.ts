import type { Page } from 'playwright-core';
import { createLogger, signToken } from '@linli/platform';
import { composeSupergraph } from '../src/compose';
import { GRAPHIQL_CSP } from '../src/graphiql/page';
import { Safelist } from '../src/operations';
import { createGateway, type GatewayOptions, type RunningGateway } from '../src/server';
import { launchChromium, type TestBrowser } from './support/chromium';
import { startOrganisations, type TestSubgraph } from './support/subgraphs';

/**
 * The self-hosted GraphiQL (issue 16): in development a real Chromium opens
 * `/graphql`, GraphiQL renders from the gateway's own files only, and a query
 * typed into it with a token in its headers runs through the gateway (JSON
 * POST, so Apollo's CSRF prevention lets it through) and shows its answer.
 * In production, and with the safelist on, there is no page.
 */
const SECRET = 'graphiql-test-secret-0123456789';

let organisations: TestSubgraph;
let development: RunningGateway;
let production: RunningGateway;
let safelisted: RunningGateway;
let browser: TestBrowser;
let token: string;

const originOf = (gateway: RunningGateway) => new URL(gateway.url).origin;

beforeAll(async () => {
  organisations = await startOrganisations(SECRET);
  const start = (overrides: Partial<GatewayOptions>) =>
    createGateway({
      supergraphSdl: composeSupergraph([organisations]),
      subgraphUrls: { organisations: organisations.url },
      port: 0,
      host: '127.0.0.1',
      auth: { secret: SECRET },
      logger: createLogger('graphiql-test', 'silent'),
      production: false,
      fetchTimeoutMs: 2000,
      ...overrides,
    });
  [development, production, safelisted] = await Promise.all([
    start({}),
    start({ production: true }),
    start({ operations: { mode: 'safelist', safelist: new Safelist({}) } }),
  ]);
  token = await signToken({ sub: 'p-1', roles: ['DISTRICT_ADMIN'], orgs: ['1'] }, SECRET);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([development?.close(), production?.close(), safelisted?.close()]);
  await organisations?.close();
});

/** What GraphiQL's result pane shows, evaluated in the page (Monaco renders spaces as no-break spaces). */
const RESULT_TEXT = "(document.querySelector('.result-window')?.textContent ?? '').replace(/\\u00a0/g, ' ')";

/** Replaces the text of a Monaco editor (insertText: no auto-closed brackets or completions). */
async function replaceEditorText(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(editor).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

describe('GraphiQL in development', () => {
  it('renders from the gateway’s own origin, runs a query with a token and shows the answer', async () => {
    const origin = originOf(development);
    const page = await browser.context.newPage();
    const requested: { url: string; method: string; headers: Record<string, string> }[] = [];
    page.on('request', (request) => requested.push({ url: request.url(), method: request.method(), headers: request.headers() }));
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    // A resource the Content-Security-Policy blocks is never requested: the page reports it instead.
    await page.addInitScript(
      "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
    try {
      const response = await page.goto(`${origin}/graphql`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toBe(GRAPHIQL_CSP);

      await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 30_000 });
      // The headers editor starts open (the token goes there).
      await replaceEditorText(page, '.graphiql-editor-tool .monaco-editor[data-uri$="headers.json"]', JSON.stringify({ authorization: `Bearer ${token}` }));
      // As docs/operations.md says: Ctrl+Shift+R loads the schema with the token now in the headers.
      const introspected = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().postData()?.includes('IntrospectionQuery') === true);
      await page.keyboard.press('Control+Shift+R');
      const schema = await introspected;
      expect(schema.status()).toBe(200);
      expect((await schema.json()).data.__schema.queryType).toMatchObject({ name: 'Query' });
      await replaceEditorText(page, '.graphiql-query-editor .monaco-editor', '{ organisation(id: "1") { id name } }');

      const callsBefore = organisations.calls.length;
      const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && r.request().method() === 'POST' && r.request().postData()?.includes('organisation') === true);
      await page.locator('.graphiql-execute-button').click();
      expect((await answered).status()).toBe(200);

      // The answer as GraphiQL shows it.
      await page.waitForFunction(`${RESULT_TEXT}.includes('Chaoyang District')`, undefined, { timeout: 10_000 });
      expect(await page.evaluate(RESULT_TEXT)).toContain('"name": "Chaoyang District"');
      // The token from the headers editor reached the subgraph through the gateway.
      expect(organisations.calls.slice(callsBefore).map((c) => c.authorization)).toContain(`Bearer ${token}`);

      // Every request stayed on the gateway's origin (scripts, styles, font, workers, operations).
      expect(requested.length).toBeGreaterThan(0);
      expect(requested.filter((r) => new URL(r.url).origin !== origin).map((r) => r.url)).toEqual([]);
      expect(requested.some((r) => r.url.endsWith('.worker.js'))).toBe(true);
      // Operations go as JSON POSTs (what Apollo's CSRF prevention accepts), never as GETs.
      const operations = requested.filter((r) => new URL(r.url).pathname === '/graphql' && r.method !== 'GET');
      expect(operations.length).toBeGreaterThan(0);
      for (const op of operations) expect(op).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });

      expect(await page.evaluate('window.cspViolations')).toEqual([]);
      // The only errors tolerated are the gateway's 401 answers to the schema load before the token was set.
      expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('still answers GraphQL GETs and JSON clients at /graphql', async () => {
    const res = await fetch(`${development.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('without GraphiQL', () => {
  it.each([
    ['production', () => production],
    ['development with the safelist on', () => safelisted],
  ])('%s serves no page and no GraphiQL files', async (_mode, gateway) => {
    const page = await fetch(gateway().url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect(page.headers.get('content-security-policy')).toBeNull();
    // A GET without a query is a bad GraphQL request, as without GraphiQL.
    expect(page.status).toBe(400);
    const script = await fetch(`${originOf(gateway())}/graphql/graphiql/app.js`);
    expect(script.status).toBe(404);
  });

  it('a browser opening /graphql in production gets no GraphiQL', async () => {
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    try {
      const response = await page.goto(production.url);
      expect(response?.status()).toBe(400);
      expect(await page.locator('.graphiql-container').count()).toBe(0);
      expect(requested.filter((url) => url.includes('/graphql/graphiql/'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
