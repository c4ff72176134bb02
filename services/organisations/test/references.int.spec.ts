import { InProcessTransport } from '@linli/events';
import { createLogger, type Role } from '@linli/platform';
import { startSubgraph, type RunningSubgraph } from '@linli/subgraph-kit';
import { createTestSqliteFile, mintToken } from '@linli/testing';
import { organisationsSubgraph } from '../src/subgraph';

/**
 * The gateway resolves `Person` and `Organisation` references through
 * `_entities`; type-graphql's guards do not run there, so these tests call the
 * subgraph directly, as an attacker bypassing the gateway would.
 */
describe('organisations reference resolvers', () => {
  let subgraph: RunningSubgraph;
  let transport: InProcessTransport;
  let file: ReturnType<typeof createTestSqliteFile>;
  const people: string[] = [];
  let districtId: string;
  let streetIds: string[];

  const call = async (query: string, variables: Record<string, unknown>, as?: { sub: string; roles: Role[]; orgs?: string[] }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as) headers.authorization = `Bearer ${await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] })}`;
    const res = await fetch(subgraph.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: res.status, sql: Number(res.headers.get('x-sql-statements')), ...((await res.json()) as { data: any; errors?: any[] }) };
  };
  const admin = { sub: 'admin', roles: ['SYSTEM_ADMIN' as Role] };
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name phone } ... on Organisation { id name } } }`;

  beforeAll(async () => {
    file = createTestSqliteFile('orgrefs');
    const logger = createLogger('test', (process.env.TEST_LOG as 'debug') ?? 'silent');
    transport = new InProcessTransport({ logger });
    subgraph = await startSubgraph(organisationsSubgraph, {
      port: 0,
      host: '127.0.0.1',
      database: { driver: 'sqlite', file: file.path },
      transport,
      subjectPrefix: 'linli',
      auth: { secret: 'linli-development-secret-change-me' },
      logger,
    });
    const create = async (input: Record<string, unknown>) =>
      (await call(`mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { organisation { id } } }`, { i: input }, admin)).data.createOrganisation.organisation.id;
    districtId = await create({ name: 'D', kind: 'DISTRICT' });
    streetIds = [await create({ name: 'S1', kind: 'STREET', parentId: districtId }), await create({ name: 'S2', kind: 'STREET', parentId: districtId })];
    for (let i = 0; i < 30; i++) {
      const r = await call(
        `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }`,
        { i: { name: `P${i}`, phone: `1380000${String(i).padStart(4, '0')}`, partyMember: false, organisationId: streetIds[i % 2] } },
        admin,
      );
      people.push(r.data.registerPerson.person.id);
    }
  });
  afterAll(async () => {
    await subgraph?.close();
    await transport?.close();
    file?.cleanup();
  });

  it('answers UNAUTHENTICATED to a direct call without a token', async () => {
    const r = await call(ENTITIES, { r: [{ __typename: 'Person', id: people[0] }] });
    expect(r.status).toBe(401);
    expect(r.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('costs the same SQL for 3 or 30 representations (one batch per _entities call)', async () => {
    // The subgraph reports the SQL its resolvers ran for this request (not the relay's polling).
    const count = async (n: number) => {
      const reps = people.slice(0, n).map((id) => ({ __typename: 'Person', id }));
      const r = await call(ENTITIES, { r: reps }, admin);
      expect(r.data._entities).toHaveLength(n);
      return r.sql;
    };
    const three = await count(3);
    const thirty = await count(30);
    expect(three).toBeGreaterThan(0);
    expect(thirty).toBe(three);
  });

  it('scopes people: null outside the caller scope, masked phones for analysts', async () => {
    const reps = people.slice(0, 4).map((id) => ({ __typename: 'Person', id }));
    const staffOfS1 = { sub: 's', roles: ['STREET_ADMIN' as Role], orgs: [streetIds[0]] };
    const r = await call(ENTITIES, { r: reps }, staffOfS1);
    // People 0 and 2 live in S1, 1 and 3 in S2.
    expect(r.data._entities.map((p: { name: string } | null) => p?.name ?? null)).toEqual(['P0', null, 'P2', null]);
    const analyst = await call(ENTITIES, { r: reps.slice(0, 1) }, { sub: 'a', roles: ['ANALYST'], orgs: [districtId] });
    expect(analyst.data._entities[0].phone).toBe('138****0000');
  });

  it('serves organisations to every authenticated caller (a public registry)', async () => {
    const r = await call(ENTITIES, { r: streetIds.map((id) => ({ __typename: 'Organisation', id })) }, { sub: 'r', roles: ['RESIDENT'] });
    expect(r.data._entities.map((o: { name: string }) => o.name)).toEqual(['S1', 'S2']);
  });
});
