import { waitFor } from '@linli/testing';
import { LIST_COMMENT, SCHEDULER_COMMENT, TicketEntity, rebuildCounts } from '@linli/tickets';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { buildTerritory, ok, op, rejection, submit, TestClock, ticketInput, type Territory } from './tickets.fixtures';

// Paging thousands of tickets through the gateway takes minutes on a loaded 2-core machine; the assertions are on results and SQL counts, never on time.
jest.setTimeout(300_000);

const HOUR = 3_600_000;
const N = 3_000;
const STATUSES = ['SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'RESOLVED', 'CLOSED', 'CANCELLED'] as const;
const CATEGORIES = ['PROPERTY_MANAGEMENT', 'ADMINISTRATIVE_ENFORCEMENT', 'DISPUTE', 'ASSISTANCE', 'PUBLIC_AFFAIRS', 'CONVENIENCE_SERVICE'] as const;

type Seed = Pick<
  TicketEntity,
  'id' | 'communityId' | 'gridId' | 'status' | 'category' | 'escalationLevel' | 'assigneeId' | 'reporterId' | 'createdAt' | 'responseDueAt' | 'resolutionDueAt'
>;

/** Ids sort the same byte-wise and in any collation (hex digits only), so the expected order is plain JS. */
const IDS_ONLY = `query($filter: TicketFilter!, $first: Int, $after: String) {
  tickets(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;
const seedId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const newestFirst = (a: Seed, b: Seed) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Lists over thousands of tickets (seeded in bulk through the subgraph's own
 * ORM, not one mutation each): keyset pagination with stable cursors, every
 * filter of TicketFilter against an independent expectation, each role's
 * scope, and SQL statements per page that do not grow with the page size.
 */
describe.each(MODES)('ticket lists (%s)', (mode) => {
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  let stack: TestStack;
  let w: Territory;
  let seeds: Seed[];

  beforeAll(async () => {
    stack = await startTestStack(mode, 'ticketlists', { now: clock.now });
    w = await buildTerritory(stack);
    const now = clock.now().getTime();
    const places = [
      { gridId: w.areaGridId, communityId: w.communityId, compoundId: null, path: [w.districtId, w.streetId, w.communityId], levels: ['COMMUNITY', 'STREET', 'DISTRICT'] },
      { gridId: w.compoundGridId, communityId: w.communityId, compoundId: w.compoundId, path: [w.districtId, w.streetId, w.communityId], levels: ['COMPOUND', 'COMMUNITY', 'STREET', 'DISTRICT'] },
      { gridId: w.neighbourGridId, communityId: w.neighbourId, compoundId: null, path: [w.districtId, w.streetId, w.neighbourId], levels: ['COMMUNITY', 'STREET', 'DISTRICT'] },
      { gridId: w.farGridId, communityId: w.farCommunityId, compoundId: null, path: [w.districtId, w.otherStreetId, w.farCommunityId], levels: ['COMMUNITY', 'STREET', 'DISTRICT'] },
    ];
    const assignees = [w.firmId, w.otherFirmId, w.policeId];
    const rows = Array.from({ length: N }, (_, i) => {
      const place = places[i % 4];
      const status = STATUSES[Math.floor(i / 4) % 6];
      const assigned = status !== 'SUBMITTED' && status !== 'CANCELLED';
      const open = status === 'DISPATCHED' || status === 'ACCEPTED';
      // Dispatched 0, 20, 40, 60 or 80 hours ago: some late to respond (> 24 h), some late to resolve (> 72 h).
      const dispatchedAt = assigned ? new Date(now - (i % 5) * 20 * HOUR) : null;
      const recent = new Date(now - HOUR);
      return {
        id: seedId(i),
        code: `TK-20261101-${String(i + 1).padStart(6, '0')}`,
        title: `批量工单 ${i}`,
        description: '由测试批量写入',
        category: CATEGORIES[Math.floor(i / 24) % 6],
        channel: 'APP',
        priority: 'NORMAL',
        status,
        escalationLevel: place.levels[Math.floor(i / 7) % place.levels.length],
        gridId: place.gridId,
        compoundId: place.compoundId,
        communityId: place.communityId,
        scopePath: `/${place.path.join('/')}/`,
        reporterId: i % 10 === 0 ? w.residents.alice.personId : `seed-reporter-${i % 50}`,
        submittedById: 'seed',
        serviceItemId: null,
        contactPhone: '13812345678',
        lat: null,
        lng: null,
        assigneeId: assigned ? assignees[i % 3] : null,
        responseDueAt: open && dispatchedAt ? new Date(dispatchedAt.getTime() + 24 * HOUR) : null,
        resolutionDueAt: open && dispatchedAt ? new Date(dispatchedAt.getTime() + 72 * HOUR) : null,
        responseOverdueAnnouncedAt: null,
        resolutionOverdueAnnouncedAt: null,
        lastDispatchedAt: dispatchedAt,
        acceptedAt: status === 'ACCEPTED' ? recent : null,
        // Recent enough that the scheduler's auto-close leaves them alone during the test.
        resolvedAt: status === 'RESOLVED' || status === 'CLOSED' ? recent : null,
        resolvedById: status === 'RESOLVED' || status === 'CLOSED' ? assignees[i % 3] : null,
        closedAt: status === 'CLOSED' ? recent : null,
        cancelledAt: status === 'CANCELLED' ? recent : null,
        reopenCount: 0,
        ratingScore: null,
        ratingComment: null,
        ratedAt: null,
        version: 1,
        // Three tickets per minute: equal createdAt, ordered by id.
        createdAt: new Date(Date.parse('2026-11-21T00:00:00.000Z') - Math.floor(i / 3) * 60_000),
        updatedAt: recent,
      } as TicketEntity;
    });
    const em = stack.subgraphs.tickets.orm.em.fork();
    for (let i = 0; i < rows.length; i += 500) await em.insertMany(TicketEntity, rows.slice(i, i + 500));
    // Loaded past the write path: the exact counters are rebuilt from the rows, as the bulk seed does.
    await rebuildCounts(em);
    seeds = rows;
    // The scheduler announces the seeded overdue tickets once; let it finish before counting statements.
    await waitFor(
      async () => {
        const pending = await stack.subgraphs.tickets.orm.em.fork().count(TicketEntity, {
          $or: [
            { status: 'DISPATCHED', responseDueAt: { $lt: clock.now() }, responseOverdueAnnouncedAt: null },
            { status: { $in: ['DISPATCHED', 'ACCEPTED'] }, resolutionDueAt: { $lt: clock.now() }, resolutionOverdueAnnouncedAt: null },
          ],
        });
        expect(pending).toBe(0);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  }, 120_000);
  afterAll(() => stack?.stop());

  /**
   * Every page of a list: ids in order, with the total each page reported.
   * Through the contract's CommunityInbox (which also joins the other three
   * subgraphs), or with `ids` through the same root field asking for ids only.
   */
  async function pageAll(as: Caller, filter: Record<string, unknown>, first = 100, via: 'CommunityInbox' | 'ids' = 'ids') {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (;;) {
      const variables = { filter, first, after };
      let r: any;
      if (via === 'ids') {
        const res = await stack.gql(IDS_ONLY, variables, as);
        expect(res.errors).toBeUndefined();
        r = res.data;
      } else r = await ok(stack, 'CommunityInbox', variables, as);
      totals.add(r.tickets.totalCount);
      ids.push(...r.tickets.edges.map((e: any) => e.node.id));
      expect(r.tickets.edges.length).toBeLessThanOrEqual(first);
      if (!r.tickets.pageInfo.hasNextPage) {
        expect(r.tickets.pageInfo.endCursor).toBe(r.tickets.edges.at(-1)?.cursor ?? null);
        break;
      }
      after = r.tickets.pageInfo.endCursor;
    }
    expect(totals.size).toBe(1);
    return { ids, total: [...totals][0] };
  }

  const expected = (keep: (s: Seed) => boolean) => seeds.filter(keep).sort(newestFirst).map((s) => s.id);
  const isOverdue = (s: Seed) => {
    const now = clock.now();
    return (s.status === 'DISPATCHED' && !!s.responseDueAt && s.responseDueAt < now) ||
      ((s.status === 'DISPATCHED' || s.status === 'ACCEPTED') && !!s.resolutionDueAt && s.resolutionDueAt < now);
  };

  it('pages through thousands of tickets newest first, every ticket exactly once', async () => {
    const all = await pageAll(w.callers.analyst, { scopeId: w.districtId }, 100, 'CommunityInbox');
    expect(all.total).toBe(N);
    expect(all.ids).toEqual(expected(() => true));
    // Another page size gives the same sequence.
    expect((await pageAll(w.callers.communityStaff, {}, 37)).ids).toEqual(expected((s) => s.communityId === w.communityId));
  });

  it('applies every filter of TicketFilter, alone and combined', async () => {
    const analyst = w.callers.analyst;
    const from = new Date(Date.parse('2026-11-20T12:00:00.000Z'));
    const to = new Date(Date.parse('2026-11-20T18:00:00.000Z'));
    const cases: [Record<string, unknown>, (s: Seed) => boolean][] = [
      [{ scopeId: w.streetId }, (s) => s.communityId === w.communityId || s.communityId === w.neighbourId],
      [{ scopeId: w.otherStreetId }, (s) => s.communityId === w.farCommunityId],
      [{ scopeId: w.neighbourId }, (s) => s.communityId === w.neighbourId],
      [{ gridId: w.compoundGridId }, (s) => s.gridId === w.compoundGridId],
      [{ assigneeId: w.policeId }, (s) => s.assigneeId === w.policeId],
      [{ status: 'ACCEPTED' }, (s) => s.status === 'ACCEPTED'],
      // A list of statuses (duplicates allowed); inside the caller's scope, so counted from the counters.
      [{ scopeId: w.districtId, status: ['SUBMITTED', 'DISPATCHED', 'SUBMITTED'] }, (s) => s.status === 'SUBMITTED' || s.status === 'DISPATCHED'],
      [
        { scopeId: w.streetId, category: 'DISPUTE', escalationLevel: 'COMPOUND', createdFrom: '2026-11-01T00:00:00+08:00', createdTo: '2026-12-01T00:00:00+08:00' },
        (s) => s.communityId !== w.farCommunityId && s.category === 'DISPUTE' && s.escalationLevel === 'COMPOUND',
      ],
      [{ category: 'DISPUTE' }, (s) => s.category === 'DISPUTE'],
      [{ escalationLevel: 'COMPOUND' }, (s) => s.escalationLevel === 'COMPOUND'],
      [{ overdue: true }, isOverdue],
      [{ overdue: false }, (s) => !isOverdue(s)],
      [{ createdFrom: from.toISOString(), createdTo: to.toISOString() }, (s) => s.createdAt >= from && s.createdAt < to],
      // Bounds that cut a month, in a scope the counters answer: whole months from them, the cut parts from the rows.
      [{ scopeId: w.districtId, createdFrom: from.toISOString(), createdTo: to.toISOString() }, (s) => s.createdAt >= from && s.createdAt < to],
      [{ scopeId: w.districtId, createdFrom: '2026-10-15T00:00:00+08:00' }, (s) => s.createdAt >= new Date('2026-10-14T16:00:00.000Z')],
      [{ scopeId: w.districtId, createdTo: to.toISOString() }, (s) => s.createdAt < to],
      [{ scopeId: w.streetId, status: 'ACCEPTED', createdFrom: '2026-10-15T00:00:00+08:00', createdTo: to.toISOString() }, (s) => s.communityId !== w.farCommunityId && s.status === 'ACCEPTED' && s.createdAt >= new Date('2026-10-14T16:00:00.000Z') && s.createdAt < to],
      [
        { scopeId: w.streetId, assigneeId: w.firmId, status: 'DISPATCHED', overdue: true },
        (s) => s.communityId !== w.farCommunityId && s.assigneeId === w.firmId && s.status === 'DISPATCHED' && isOverdue(s),
      ],
      [
        { gridId: w.areaGridId, category: 'PROPERTY_MANAGEMENT', escalationLevel: 'STREET', createdFrom: '2026-11-20T00:00:00+08:00' },
        (s) => s.gridId === w.areaGridId && s.category === 'PROPERTY_MANAGEMENT' && s.escalationLevel === 'STREET' && s.createdAt >= new Date('2026-11-19T16:00:00.000Z'),
      ],
    ];
    for (const [filter, keep] of cases) {
      const want = expected(keep);
      expect(want.length).toBeGreaterThan(0);
      const got = await pageAll(analyst, filter);
      expect({ filter, total: got.total, ids: got.ids }).toEqual({ filter, total: want.length, ids: want });
    }
  });

  it('scopes the same lists by role', async () => {
    const c = w.callers;
    const roles: [Caller, (s: Seed) => boolean][] = [
      [c.communityStaff, (s) => s.communityId === w.communityId],
      [c.streetAdmin, (s) => s.communityId !== w.farCommunityId],
      [c.gridWorker, (s) => s.communityId === w.communityId && (s.escalationLevel === 'COMPOUND' || s.escalationLevel === 'COMMUNITY')],
      [c.firmStaff, (s) => s.assigneeId === w.firmId],
      [w.residents.alice, (s) => s.reporterId === w.residents.alice.personId],
    ];
    for (const [as, keep] of roles) {
      const got = await pageAll(as, {});
      expect({ who: as.sub, total: got.total, ids: got.ids }).toEqual({ who: as.sub, total: expected(keep).length, ids: expected(keep) });
    }
    // The firm's own queue, by status, through the contract's FirmQueue.
    const queue = await ok(stack, 'FirmQueue', { firmId: w.firmId, status: ['DISPATCHED', 'ACCEPTED'], first: 100 }, c.firmStaff);
    const want = expected((s) => s.assigneeId === w.firmId && (s.status === 'DISPATCHED' || s.status === 'ACCEPTED'));
    expect(queue.organisation.assignedTickets.totalCount).toBe(want.length);
    expect(queue.organisation.assignedTickets.edges.map((e: any) => e.node.id)).toEqual(want.slice(0, 100));
    // A district admin may look at a firm of the district, seeing the tickets of the district.
    const looked = await ok(stack, 'FirmQueue', { firmId: w.firmId, first: 1 }, c.districtAdmin);
    expect(looked.organisation.assignedTickets.totalCount).toBe(expected((s) => s.assigneeId === w.firmId).length);
  });

  it('keeps cursors stable while tickets are added', async () => {
    const staff = w.callers.communityStaff;
    const first = await ok(stack, 'CommunityInbox', { filter: {}, first: 50 }, staff);
    const fresh = await submit(stack, w.residents.alice, ticketInput(w.areaGridId));
    const next = await ok(stack, 'CommunityInbox', { filter: {}, first: 50, after: first.tickets.pageInfo.endCursor }, staff);
    const want = expected((s) => s.communityId === w.communityId);
    expect(first.tickets.edges.map((e: any) => e.node.id)).toEqual(want.slice(0, 50));
    expect(next.tickets.edges.map((e: any) => e.node.id)).toEqual(want.slice(50, 100));
    expect(next.tickets.totalCount).toBe(want.length + 1);
    const top = await ok(stack, 'CommunityInbox', { filter: {}, first: 1 }, staff);
    expect(top.tickets.edges[0].node.id).toBe(fresh.id);
  });

  it('refuses bad page arguments', async () => {
    const staff = w.callers.communityStaff;
    expect(rejection(await op(stack, 'CommunityInbox', { filter: {}, first: 101 }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(rejection(await op(stack, 'CommunityInbox', { filter: {}, first: 0 }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(rejection(await op(stack, 'CommunityInbox', { filter: {}, after: 'not-a-cursor' }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(codes(await op(stack, 'MyTickets', { first: 200 }, w.residents.alice))).toEqual(['BAD_USER_INPUT']);
  });

  it('runs the same number of SQL statements for a page of 10 and a page of 100', async () => {
    const conn = stack.subgraphs.tickets.orm.em.getConnection() as unknown as { execute: (...args: unknown[]) => Promise<unknown> };
    const original = conn.execute;
    let log: string[] = [];
    conn.execute = function (this: unknown, ...args: unknown[]) {
      log.push(String(args[0]));
      return original.apply(this, args);
    };
    // Only this request's statements: not the outbox relay's polling, the consumer's bookkeeping or the scheduler's claims.
    const ours = () => log.filter((q) => !/outbox_event|processed_event/.test(q) && !q.includes(SCHEDULER_COMMENT));
    const measure = async (name: string, variables: Record<string, unknown>, as: Caller) => {
      log = [];
      const r = await op(stack, name, variables, as);
      expect(r.errors).toBeUndefined();
      return ours();
    };
    try {
      const c = w.callers;
      const second = (await ok(stack, 'TicketExport', { filter: { scopeId: w.districtId }, period: '2026-11', first: 100 }, c.analyst)).tickets.pageInfo.endCursor;
      const counted: Record<string, [number, number]> = {};
      const ops: [string, (first: number) => Record<string, unknown>, Caller][] = [
        ['CommunityInbox', (first) => ({ filter: {}, first }), c.communityStaff],
        ['CommunityInbox', (first) => ({ filter: { scopeId: w.streetId, overdue: false, status: 'DISPATCHED' }, first }), c.streetAdmin],
        ['FirmQueue', (first) => ({ firmId: w.firmId, first }), c.firmStaff],
        ['MyTickets', (first) => ({ first }), w.residents.alice],
        ['TicketExport', (first) => ({ filter: { scopeId: w.districtId }, period: '2026-11', first, after: second }), c.analyst],
      ];
      for (const [name, vars, as] of ops) {
        const small = await measure(name, vars(10), as);
        const large = await measure(name, vars(100), as);
        counted[`${name} as ${as.sub}`] = [small.length, large.length];
        expect({ name, small: small.length }).toEqual({ name, small: large.length });
        // The page and its count are tagged list statements; the rest are the caller's scope and the page's relations.
        expect(large.filter((q) => q.includes(LIST_COMMENT)).length).toBe(2);
        expect(large.length).toBeLessThanOrEqual(5);
      }
      console.log(`${mode}: SQL statements per page (first=10, first=100): ${JSON.stringify(counted)}`);
    } finally {
      conn.execute = original;
    }
  });

  it('follows a community that moves to another street (its tickets move scope with it)', async () => {
    const farTickets = seeds.filter((t) => t.communityId === w.farCommunityId).length;
    const total = async (as: Caller, filter: Record<string, unknown>) => {
      const r = await stack.gql(IDS_ONLY, { filter, first: 1 }, as);
      expect(r.errors).toBeUndefined();
      return r.data.tickets.totalCount as number;
    };
    const before = await total(w.callers.streetAdmin, { scopeId: w.streetId });
    const district = await total(w.callers.analyst, { scopeId: w.districtId });
    const moved = await stack.gql(`mutation($id: ID!, $parentId: ID!) { moveOrganisation(id: $id, parentId: $parentId) { organisation { id } } }`, { id: w.farCommunityId, parentId: w.streetId }, { sub: 'admin', roles: ['SYSTEM_ADMIN'] });
    expect(moved.errors).toBeUndefined();
    await waitFor(async () => expect(await total(w.callers.streetAdmin, { scopeId: w.streetId })).toBe(before + farTickets), { timeoutMs: 10_000, intervalMs: 100 });
    // The old street's admin no longer reaches them; the district still does.
    expect(await total(w.otherStreetAdmin, {})).toBe(0);
    expect(await total(w.callers.analyst, { scopeId: w.districtId })).toBe(district);
  });
});
