import { mintToken, waitFor } from '@linli/testing';
import { MODES, startTestStack, type Caller, type GqlResult, type TestStack } from './harness';
import { buildTerritory, ok, submit, ticketInput, type Territory } from './tickets.fixtures';

/**
 * The gateway's entity cache of public registry data (gateway/src/entity-cache):
 * a second pull of the export answers the grids, organisations and
 * assessments from the cache; a change made anywhere reaches the next pull
 * through the event it emits (a rename sent straight to the subgraph, past
 * this gateway; a rating that moves a firm's assessment); a write through
 * this gateway is read back at once.
 */
describe.each(MODES)('entity cache (%s)', (mode) => {
  let stack: TestStack;
  let w: Territory;
  // The assessment month of a rating given now (UTC+8).
  const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

  /** A counter of the gateway's /metrics. */
  const metric = async (name: string) => {
    const text = await (await fetch(new URL('/metrics', stack.url))).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? '0');
  };
  const fetches = async () => ({
    tickets: await metric('subgraph_fetches_tickets_total'),
    grids: await metric('subgraph_fetches_grids_total'),
    organisations: await metric('subgraph_fetches_organisations_total'),
    evaluations: await metric('subgraph_fetches_evaluations_total'),
  });

  const exportPage = async () => (await ok(stack, 'TicketExport', { filter: { scopeId: w.districtId }, period, first: 100 }, w.callers.analyst)).tickets;
  const rowOf = async (ticketId: string) => (await exportPage()).edges.map((e: any) => e.node).find((n: any) => n.id === ticketId);

  /** Straight to a subgraph, past the gateway (and its cache). */
  async function direct(service: string, query: string, variables: Record<string, unknown>, as: Caller): Promise<GqlResult<any>> {
    const token = await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] });
    const res = await fetch(stack.subgraphs[service].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<any>;
  }
  const RENAME = `mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: $name) { organisation { id name } } }`;
  const SCORE = `query($id: ID!, $period: String!) { _entities(representations: [{ __typename: "Organisation", id: $id }]) { ... on Organisation { assessment(period: $period) { score } } } }`;
  /** The firm's score as the evaluations subgraph computes it now. */
  const storedScore = async () => (await direct('evaluations', SCORE, { id: w.firmId, period }, w.callers.analyst)).data._entities[0].assessment.score as number;

  /** A ticket of alice's in the compound grid, handled by the firm and rated. */
  async function handledAndRated(score: number): Promise<string> {
    const t = await submit(stack, w.residents.alice, ticketInput(w.compoundGridId));
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, w.callers.communityStaff);
    await ok(stack, 'AcceptTicket', { id: t.id }, w.callers.firmStaff);
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已修复' }, w.callers.firmStaff);
    await ok(stack, 'RateTicket', { id: t.id, score }, w.residents.alice);
    return t.id;
  }

  let rated: string;
  beforeAll(async () => {
    stack = await startTestStack(mode, 'entitycache');
    w = await buildTerritory(stack);
    rated = await handledAndRated(5);
    await submit(stack, w.residents.bob, ticketInput(w.areaGridId));
    // The export shows the rating once evaluations counted it.
    await waitFor(async () => expect((await rowOf(rated))?.assignee?.assessment?.score).toBe(await storedScore()), { timeoutMs: 20_000 });
  }, 120_000);
  afterAll(() => stack?.stop());

  it('answers a second pull of the export from the cache: only the tickets subgraph is asked again', async () => {
    const first = await exportPage();
    const before = await fetches();
    const hits = await metric('entity_cache_hits_total');
    const second = await exportPage();
    const after = await fetches();
    expect(second).toEqual(first);
    expect(after).toEqual({ ...before, tickets: before.tickets + 1 });
    expect(await metric('entity_cache_hits_total')).toBeGreaterThan(hits);
    const row = first.edges.map((e: any) => e.node).find((n: any) => n.id === rated);
    expect(row.grid.community).toEqual({ id: w.communityId, name: expect.any(String), parent: { id: w.streetId, name: expect.any(String) } });
    expect(row.assignee).toEqual({ id: w.firmId, name: expect.any(String), kind: expect.any(String), assessment: { score: expect.any(Number), grade: expect.any(String) } });
  });

  it('reads a community renamed straight at its subgraph (past this gateway) again once its event arrives', async () => {
    await exportPage();
    const renamed = await direct('organisations', RENAME, { id: w.communityId, name: '西关新社区' }, w.callers.districtAdmin);
    expect(renamed.errors).toBeUndefined();
    await waitFor(async () => expect((await rowOf(rated)).grid.community.name).toBe('西关新社区'), { timeoutMs: 20_000 });
  });

  it("reads a firm's assessment again once a rating moved it (evaluations announces the change)", async () => {
    const before = (await rowOf(rated)).assignee.assessment.score;
    await handledAndRated(1);
    await waitFor(async () => expect(await storedScore()).not.toBe(before), { timeoutMs: 20_000 });
    await waitFor(async () => expect((await rowOf(rated)).assignee.assessment.score).toBe(await storedScore()), { timeoutMs: 20_000 });
  });

  it('reads back at once what a write through this gateway changed', async () => {
    await exportPage();
    const r = await stack.gql(RENAME, { id: w.streetId, name: '西关新街道' }, w.callers.districtAdmin);
    expect(r.errors).toBeUndefined();
    expect((await rowOf(rated)).grid.community.parent.name).toBe('西关新街道');
  });
});
