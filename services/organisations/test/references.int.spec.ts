import { InProcessTransport } from '@linli/events';
import { createLogger, type Role } from '@linli/platform';
import { startSubgraph, type RunningSubgraph } from '@linli/subgraph-kit';
import { createTestSqliteFile, mintToken } from '@linli/testing';
import { organisationsSubgraph } from '../src/subgraph';
import { HouseholdEntity, HouseholdMemberEntity } from '../src/household/household.entity';

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
  const households: string[] = [];

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
    // A register of 30 dwellings in a community of S1; person 0 lives in the first one.
    const communityId = await create({ name: 'C1', kind: 'COMMUNITY', parentId: streetIds[0] });
    const em = subgraph.orm.em.fork();
    for (let i = 0; i < 30; i++) {
      const id = `h-${String(i).padStart(2, '0')}`;
      em.create(HouseholdEntity, { id, compoundId: 'k1', communityId, building: '1', unit: null, unitKey: '', room: String(101 + i), areaHundredths: 8_000, gridId: null, createdAt: new Date() });
      households.push(id);
    }
    em.create(HouseholdMemberEntity, { id: 'm-0', householdId: households[0], personId: people[0], relation: 'OWNER', since: '2026-01-01', until: null, createdAt: new Date() });
    await em.flush();
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

  describe('Household references (the owners subgraph points at the register)', () => {
    const HOUSEHOLDS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id address } } }`;
    const reps = (n: number) => households.slice(0, n).map((id) => ({ __typename: 'Household', id }));

    it('costs the same SQL for 3 or 30 representations (one batch per _entities call)', async () => {
      const count = async (n: number, as: { sub: string; roles: Role[]; orgs?: string[] }) => {
        const r = await call(HOUSEHOLDS, { r: reps(n) }, as);
        expect(r.errors).toBeUndefined();
        expect(r.data._entities).toHaveLength(n);
        return r.sql;
      };
      const staffOfS1 = { sub: 's', roles: ['STREET_ADMIN' as Role], orgs: [streetIds[0]] };
      const three = await count(3, staffOfS1);
      expect(three).toBeGreaterThan(0);
      expect(await count(30, staffOfS1)).toBe(three);
      // A resident (not a register reader) also costs the same for 3 or 30: the own-membership lookup is batched too.
      const resident = { sub: people[0], roles: ['RESIDENT' as Role] };
      expect(await count(30, resident)).toBe(await count(3, resident));
    });

    it('scopes the register: readers of its scope, a resident only their own dwelling, nobody else', async () => {
      const addresses = async (as: { sub: string; roles: Role[]; orgs?: string[] }) =>
        (await call(HOUSEHOLDS, { r: reps(3) }, as)).data._entities.map((h: { address: string } | null) => h?.address ?? null);
      expect(await addresses({ sub: 's', roles: ['STREET_ADMIN'], orgs: [streetIds[0]] })).toEqual(['1栋101室', '1栋102室', '1栋103室']);
      expect(await addresses({ sub: people[0], roles: ['RESIDENT'] })).toEqual(['1栋101室', null, null]);
      expect(await addresses({ sub: 'other', roles: ['STREET_ADMIN'], orgs: [streetIds[1]] })).toEqual([null, null, null]);
    });
  });
});
