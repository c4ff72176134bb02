import { OutboxEvent, ProcessedEvent, OrganisationCreated, subjectFor, type EventEnvelope } from '@linli/events';
import { waitFor } from '@linli/testing';
import { codes, MODES, startTestStack, type TestStack } from './harness';
import { contractOperation } from './contract';

const ADMIN = { sub: 'admin', roles: ['SYSTEM_ADMIN' as const] };
const DUPLICATE_WINDOW_MS = 1_000;
// The contract's CreateGrid also asks for compounds (the grids issue); the slice needs only this much.
const CREATE_GRID = `mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { id code level community { id name } } } }`;

/**
 * The backbone slice in both run modes: an Organisation owned by the
 * organisations subgraph, carried by an event into the grids subgraph's own
 * projection, and referenced back across subgraphs through the real gateway.
 */
describe.each(MODES)('backbone through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let communityId: string;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'backbone', { duplicateWindowMs: DUPLICATE_WINDOW_MS });
  });
  afterAll(() => stack?.stop());

  const createOrg = async (input: Record<string, unknown>) => {
    const r = await stack.gql(contractOperation('CreateOrganisation'), { input }, ADMIN);
    expect(r.errors).toBeUndefined();
    return r.data.createOrganisation.organisation as { id: string; name: string; parent: { id: string } | null };
  };

  it('refuses every operation without a token, before any subgraph', async () => {
    const r = await stack.gql(contractOperation('OrganisationTree'), { id: 'x' });
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('builds an organisation tree and serves it across subgraphs', async () => {
    const district = await createOrg({ name: '莲湖区', kind: 'DISTRICT' });
    const street = await createOrg({ name: '青年路街道', kind: 'STREET', parentId: district.id });
    const community = await createOrg({ name: '西关社区', kind: 'COMMUNITY', parentId: street.id });
    communityId = community.id;
    expect(community.parent).toEqual({ id: street.id, name: '青年路街道', kind: 'STREET' });

    // The grids subgraph learns about the community from the event, not by calling organisations.
    const staff = { sub: 'staff-1', roles: ['COMMUNITY_STAFF' as const], orgs: [community.id] };
    const input = { code: 'XG-01', name: '西关一网格', level: 'COMMUNITY_AREA', communityId: community.id, households: 320, residents: 900 };
    const created = await waitFor(async () => {
      const r = await stack.gql(CREATE_GRID, { input }, staff);
      expect(r.errors).toBeUndefined();
      return r.data.createGrid.grid;
    }, { timeoutMs: 5_000, intervalMs: 50 });
    // `community { name }` is resolved by the organisations subgraph through the gateway.
    expect(created).toMatchObject({ code: 'XG-01', level: 'COMMUNITY_AREA', community: { id: community.id, name: '西关社区' } });

    const tree = await stack.gql(
      `query($id: ID!) { organisation(id: $id) { name children { name children { name grids { code community { name parent { name } } } } } } }`,
      { id: district.id },
      { sub: 'analyst', roles: ['ANALYST'], orgs: [district.id] },
    );
    expect(tree.errors).toBeUndefined();
    expect(tree.data.organisation.children[0].children[0]).toEqual({
      name: '西关社区',
      grids: [{ code: 'XG-01', community: { name: '西关社区', parent: { name: '青年路街道' } } }],
    });
  });

  it('refuses a write outside the caller scope, and nothing changes', async () => {
    const other = { sub: 'staff-2', roles: ['COMMUNITY_STAFF' as const], orgs: ['some-other-community'] };
    const input = { code: 'XG-99', name: '越权网格', level: 'COMMUNITY_AREA', communityId, households: 1, residents: 1 };
    const r = await stack.gql(CREATE_GRID, { input }, other);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    const grids = await stack.gql(`query($id: ID!) { organisation(id: $id) { grids { code } } }`, { id: communityId }, ADMIN);
    expect(grids.data.organisation.grids).toEqual([{ code: 'XG-01' }]);
  });

  it('consumes a redelivered event exactly once', async () => {
    const outbox = await stack.subgraphs.organisations.orm.em.fork().find(OutboxEvent, { type: OrganisationCreated.type }, { orderBy: { seq: 'asc' } });
    const first = outbox[0];
    const envelope: EventEnvelope = {
      id: first.id,
      type: first.type,
      version: first.version,
      source: first.source,
      occurredAt: first.occurredAt.toISOString(),
      correlationId: first.correlationId ?? null,
      payload: first.payload,
    };
    const grids = stack.subgraphs.grids.orm;
    const processed = () => grids.em.fork().count(ProcessedEvent, { consumer: 'grids', eventId: envelope.id });
    await waitFor(async () => expect(await processed()).toBe(1), { timeoutMs: 5_000 });

    // Past the publish dedupe window the bus delivers it again, as after a lost ack.
    await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS + 200));
    await stack.transport.publish(subjectFor(stack.subjectPrefix, OrganisationCreated), envelope);
    // A later event is processed after the redelivered one (one ordered consumer)...
    const marker = await createOrg({ name: '标记街道', kind: 'STREET', parentId: (outbox[0].payload as { organisationId: string }).organisationId });
    await waitFor(async () => {
      const r = await grids.em.fork().count(ProcessedEvent, { consumer: 'grids' });
      expect(r).toBe(outbox.length + 1);
    }, { timeoutMs: 5_000 });
    expect(marker.id).toBeTruthy();
    // ...and the redelivery left no second effect.
    expect(await processed()).toBe(1);
  });
});
