// Issue #10, hole 5: an attacker on the network skips the gateway and talks
// to a subgraph directly, or floods the gateway's parser. Each request here
// is what such an attacker would send; each answer is the coded refusal.
import { randomBytes } from 'node:crypto';
import { mintToken } from '@linli/testing';
import { MAX_ENTITY_REPRESENTATIONS } from '@linli/platform';
import { MODES, startTestStack, type TestStack } from './harness';

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const SERVICE_TOKEN = randomBytes(32).toString('hex');

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const token = await mintToken({ sub: 'admin', roles: ['SYSTEM_ADMIN'] });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}
const codes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.code);

/** `{ organisation(id: "x") { parent { parent … { id } } } }` with `levels` fields nested. */
const nested = (levels: number) => `{ organisation(id: "x") ${'{ parent '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;
const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Organisation', id: `missing-${i}` }));
const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id } } }';

describe.each(MODES)('subgraphs reached without the gateway (%s)', (mode) => {
  let stack: TestStack;
  let organisations: string;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'backdoor', { production: true, serviceToken: SERVICE_TOKEN });
    organisations = stack.subgraphs.organisations.url;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('listen on loopback only', () => {
    for (const s of Object.values(stack.subgraphs)) expect(new URL(s.url).hostname).toBe('127.0.0.1');
  });

  it('apply the gateway\'s depth and alias limits', async () => {
    const deep = await post(organisations, { query: nested(16) });
    expect(deep.status).toBe(400);
    expect(codes(deep)).toContain('QUERY_TOO_COMPLEX');
    expect(codes(await post(organisations, { query: nested(15) }))).not.toContain('QUERY_TOO_COMPLEX');

    const aliased = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: organisation(id: "x") { id }`).join(' ')} }`;
    expect(codes(await post(organisations, { query: aliased }))).toContain('QUERY_TOO_COMPLEX');
  });

  it(`resolve at most ${MAX_ENTITY_REPRESENTATIONS} representations per _entities call`, async () => {
    const over = await post(organisations, { query: ENTITIES, variables: { r: representations(MAX_ENTITY_REPRESENTATIONS + 1) } });
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(over.body.data).toBeUndefined();

    const at = await post(organisations, { query: ENTITIES, variables: { r: representations(MAX_ENTITY_REPRESENTATIONS) } });
    expect(codes(at)).not.toContain('QUERY_TOO_COMPLEX');
    expect(at.body.data._entities).toHaveLength(MAX_ENTITY_REPRESENTATIONS);
  }, 30_000);

  it('serve _service { sdl } only with the gateway\'s credential', async () => {
    const anonymous = await post(organisations, { query: '{ _service { sdl } }' });
    expect(anonymous.status).toBe(403);
    expect(codes(anonymous)).toEqual(['FORBIDDEN']);
    expect(anonymous.body.data).toBeUndefined();
    // Hidden in a fragment, or with a wrong credential: the same.
    const hidden = await post(organisations, { query: '{ ...F } fragment F on Query { _service { sdl } }' }, { 'x-linli-service-token': 'x'.repeat(64) });
    expect(codes(hidden)).toEqual(['FORBIDDEN']);

    const gateway = await post(organisations, { query: '{ _service { sdl } }' }, { 'x-linli-service-token': SERVICE_TOKEN });
    expect(gateway.body.errors).toBeUndefined();
    expect(gateway.body.data._service.sdl).toMatch(/type Organisation/);
  });

  it('stop an oversized document in the parser, at the gateway and at a subgraph', async () => {
    // Just under the 1 MB body limit: ~90,000 `__typename` fields.
    const flood = JSON.stringify({ query: `{ ${'__typename '.repeat(90_000)}}` });
    expect(flood.length).toBeLessThan(1024 * 1024);
    for (const url of [stack.url, organisations]) {
      const answer = await post(url, flood);
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
    }
    // The gateway still serves the contract while refusing floods.
    expect(codes(await post(stack.url, { query: '{ __typename }' }))).toEqual([]);
  });
});
