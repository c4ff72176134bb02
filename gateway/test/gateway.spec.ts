import { createLogger, signToken } from '@linli/platform';
import { composeSupergraph } from '../src/compose';
import { createGateway, type GatewayOptions, type RunningGateway } from '../src/server';
import { deadUrl, startOrganisations, startTickets, type TestSubgraph } from './support/subgraphs';

const SECRET = 'gateway-test-secret-0123456789';
const FETCH_TIMEOUT_MS = 300;

let organisations: TestSubgraph;
let tickets: TestSubgraph;
let gateway: RunningGateway;
let production: RunningGateway;
let degraded: RunningGateway;
let token: string;

async function startGateway(overrides: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  return createGateway({
    supergraphSdl: composeSupergraph([organisations, tickets]),
    subgraphUrls: { organisations: organisations.url, tickets: tickets.url },
    port: 0,
    host: '127.0.0.1',
    auth: { secret: SECRET },
    logger: createLogger('gateway-test', 'silent'),
    production: false,
    fetchTimeoutMs: FETCH_TIMEOUT_MS,
    readiness: { timeoutMs: 300, cacheMs: 0 },
    shutdownGraceMs: 100,
    ...overrides,
  });
}

beforeAll(async () => {
  [organisations, tickets] = await Promise.all([startOrganisations(SECRET), startTickets(SECRET)]);
  token = await signToken({ sub: 'p-1', roles: ['DISTRICT_ADMIN'], orgs: ['1'] }, SECRET);
  [gateway, production, degraded] = await Promise.all([
    startGateway(),
    startGateway({ production: true }),
    // organisations is down for this one
    deadUrl().then((url) => startGateway({ subgraphUrls: { organisations: url, tickets: tickets.url } })),
  ]);
});

afterAll(async () => {
  await Promise.all([gateway?.close(), production?.close(), degraded?.close()]);
  await Promise.all([organisations?.close(), tickets?.close()]);
});

interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

async function post(
  body: unknown,
  { target = gateway, auth = `Bearer ${token}`, headers = {} }: { target?: RunningGateway; auth?: string | null; headers?: Record<string, string> } = {},
) {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as GraphQLBody };
}

const query = (q: string, opts?: Parameters<typeof post>[1]) => post({ query: q }, opts);
const totalCalls = () => organisations.calls.length + tickets.calls.length;

/** What no client may ever see in an error. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/127\.0\.0\.1|https?:\/\/|stacktrace|serviceName|secret_table|\/srv\/|"response"/);
}

describe('authentication (contract: no token → UNAUTHENTICATED for every operation)', () => {
  it.each([
    ['no token', null],
    ['a non-bearer header', 'Basic dXNlcjpwYXNz'],
    ['a token with a bad signature', 'bad-signature'],
    ['an expired token', 'expired'],
  ])('refuses %s before any subgraph is called', async (_label, kind) => {
    let auth = kind;
    if (kind === 'bad-signature') auth = `Bearer ${await signToken({ sub: 'p-1', roles: ['SYSTEM_ADMIN'] }, 'another-secret-0123456789')}`;
    if (kind === 'expired') auth = `Bearer ${await signToken({ sub: 'p-1', roles: ['SYSTEM_ADMIN'], expiresIn: -60 }, SECRET)}`;
    const before = totalCalls();
    const res = await query('{ organisation(id: "1") { id } }', { auth });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(res.body.data).toBeUndefined();
    expect(totalCalls()).toBe(before);
  });

  it('forwards the caller token and the request id to every subgraph it calls', async () => {
    organisations.calls.length = 0;
    tickets.calls.length = 0;
    const res = await query('{ ticket(id: "t1") { id title assignee { id name } } }', { headers: { 'x-request-id': 'req-forward-1' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { ticket: { id: 't1', title: 'Lift broken', assignee: { id: '2', name: 'Jianwai Street' } } } });
    expect(res.headers.get('x-request-id')).toBe('req-forward-1');
    expect(tickets.calls).toEqual([{ requestId: 'req-forward-1', authorization: `Bearer ${token}` }]);
    expect(organisations.calls).toEqual([{ requestId: 'req-forward-1', authorization: `Bearer ${token}` }]);
  });

  it('generates a request id when none is sent and forwards that one', async () => {
    organisations.calls.length = 0;
    const res = await query('{ organisation(id: "1") { name } }');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,}$/);
    expect(organisations.calls.map((c) => c.requestId)).toEqual([id]);
  });

  it('passes on a subgraph refusing the token (a non-2xx answer) as UNAUTHENTICATED, without the subgraph URL', async () => {
    const revoked = await signToken({ sub: 'revoked', roles: ['RESIDENT'] }, SECRET);
    const res = await query('{ organisation(id: "1") { id } }', { auth: `Bearer ${revoked}` });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ organisation: null });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].message).toBe('Token revoked');
    expect(res.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expectNoInternals(res.text);
  });
});

describe('subgraph errors', () => {
  it('FORBIDDEN reaches the client with its code, without URLs, stack or service names', async () => {
    const res = await query('{ secretOrganisation(id: "1") { id } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ secretOrganisation: null });
    expect(res.body.errors).toEqual([{ message: 'Outside your scope', path: ['secretOrganisation'], extensions: { code: 'FORBIDDEN' } }]);
    expectNoInternals(res.text);
  });

  it('BAD_USER_INPUT keeps its field, INVALID_TRANSITION its status and action', async () => {
    const input = await query('mutation { renameOrganisation(id: "1", name: "") { id } }');
    expect(input.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    const transition = await query('mutation { closeTicket(id: "t1") }');
    expect(transition.body.errors?.[0].extensions).toEqual({ code: 'INVALID_TRANSITION', status: 'SUBMITTED', action: 'CLOSE' });
    expectNoInternals(input.text + transition.text);
  });

  it('an internal subgraph error becomes a bare INTERNAL_SERVER_ERROR', async () => {
    const res = await query('{ brokenOrganisation { id } organisation(id: "1") { name } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ brokenOrganisation: null, organisation: { name: 'Chaoyang District' } });
    expect(res.body.errors).toEqual([
      { message: 'Internal server error', path: ['brokenOrganisation'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expectNoInternals(res.text);
  });

  it('a subgraph that is down yields partial data and an error, with HTTP 200', async () => {
    const res = await query('{ ticket(id: "t1") { id title assignee { id name } } }', { target: degraded });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ticket: { id: 't1', title: 'Lift broken', assignee: null } });
    expect(res.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'INTERNAL_SERVER_ERROR' }]);
    expectNoInternals(res.text);
  });

  it('a hung subgraph fails its fetch at the timeout instead of hanging the request', async () => {
    const started = Date.now();
    const res = await query('{ slowOrganisation { id } }');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ slowOrganisation: null });
    expect(res.body.errors?.[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(elapsed).toBeGreaterThanOrEqual(FETCH_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(3000);
    expectNoInternals(res.text);
  });
});

describe('limits (contract: QUERY_TOO_COMPLEX), checked before any subgraph is called', () => {
  const deep = `{ organisation(id: "1") ${'{ parent '.repeat(14)}{ id }${' }'.repeat(14)} }`; // 16 levels
  const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: organisation(id: "1") { id }`).join(' ')} }`;
  const costly = '{ tickets(first: 100) { edges { node { assignee { children { children { children { id } } } } } } } }';

  it.each([
    ['depth over 15', deep, /depth 16/],
    ['more than 30 aliases', aliases, /31 aliases/],
    ['cost over the limit', costly, /cost \d+ is over the limit of 20000/],
  ])('refuses %s', async (_label, q, message) => {
    const before = totalCalls();
    const res = await query(q);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect(res.body.errors?.[0].message).toMatch(message);
    expect(totalCalls()).toBe(before);
  });

  it('lets a 15-level query through', async () => {
    const res = await query(`{ organisation(id: "2") ${'{ parent '.repeat(13)}{ id }${' }'.repeat(13)} }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});

describe('HTTP hardening', () => {
  it('refuses a body over the limit (3 MB) with 413', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ organisation(id: "${'x'.repeat(3 * 1024 * 1024)}") { id } }` }),
    });
    expect(res.status).toBe(413);
    await res.text();
  });

  it('refuses batched requests', async () => {
    const before = totalCalls();
    const res = await post([{ query: '{ organisation(id: "1") { id } }' }, { query: '{ ticket(id: "t1") { id } }' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(totalCalls()).toBe(before);
  });

  it('prevents CSRF: a simple GET without a preflight header is refused', async () => {
    const url = `${gateway.url}?query=${encodeURIComponent('{ organisation(id: "1") { id } }')}`;
    const simple = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/i);
    const preflighted = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    await preflighted.text();
  });

  it('answers introspection and suggestions in development only', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect((await query(introspection)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const off = await query(introspection, { target: production });
    expect(off.status).toBe(400);
    expect(off.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const typo = '{ organisaton(id: "1") { id } }';
    expect((await query(typo)).body.errors?.[0].message).toMatch(/Did you mean/);
    const hidden = await query(typo, { target: production });
    expect(hidden.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(hidden.body.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});

describe('health', () => {
  const get = (target: RunningGateway, path: string) => fetch(new URL(path, target.url)).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('is live without a token', async () => {
    expect(await get(gateway, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('is ready only while every subgraph answers', async () => {
    expect(await get(gateway, '/health/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await get(degraded, '/health/ready')).toEqual({ status: 503, body: { status: 'unavailable' } });
  });
});

describe('configuration', () => {
  it('refuses a supergraph subgraph without a configured URL', async () => {
    await expect(startGateway({ subgraphUrls: { tickets: tickets.url } })).rejects.toThrow('No URL configured for subgraph(s): organisations');
  });
});
