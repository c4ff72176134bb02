import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { SYSTEM_ADMIN } from './fixtures';
import { mintToken, waitFor } from '@linli/testing';
import { TicketHandlerEntity } from '@linli/tickets';
import { buildTerritory, ok, op, rejection, storedTicket, submit, TestClock, ticketEvents, ticketInput, type Territory } from './tickets.fixtures';

const HOUR = 3_600_000;
const iso = (d: Date, plusHours = 0) => new Date(d.getTime() + plusHours * HOUR).toISOString();
const MASKED = '138****5678';

/**
 * The tickets contract operations, unchanged, through the real gateway in
 * both run modes: every transition and every refused one, who may do what,
 * scopes and masking, due times, deliberations, the service menu.
 */
describe.each(MODES)('tickets through the gateway (%s)', (mode) => {
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  let stack: TestStack;
  let w: Territory;
  let serviceItemId: string;
  let staff: Caller, gridWorker: Caller, firmStaff: Caller, otherFirmStaff: Caller, streetAdmin: Caller, districtAdmin: Caller, analyst: Caller;
  let alice: Caller, bob: Caller;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'tickets', { now: clock.now });
    w = await buildTerritory(stack);
    ({ communityStaff: staff, gridWorker, firmStaff, otherFirmStaff, streetAdmin, districtAdmin, analyst } = w.callers);
    ({ alice, bob } = w.residents);
  }, 60_000);
  afterAll(() => stack?.stop());

  /** Submits as Alice and takes the ticket along the happy path to `until`. */
  async function ticketIn(until: 'SUBMITTED' | 'DISPATCHED' | 'ACCEPTED' | 'RESOLVED' | 'CLOSED' | 'CANCELLED', gridId = w.areaGridId) {
    const t = await submit(stack, alice, ticketInput(gridId));
    if (until === 'SUBMITTED') return t;
    if (until === 'CANCELLED') {
      await ok(stack, 'CancelTicket', { id: t.id, reason: '已自行解决' }, alice);
      return t;
    }
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, staff);
    if (until === 'DISPATCHED') return t;
    await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff);
    if (until === 'ACCEPTED') return t;
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已处理' }, firmStaff);
    if (until === 'RESOLVED') return t;
    await ok(stack, 'RateTicket', { id: t.id, score: 4 }, alice);
    return t;
  }

  it('keeps each community\'s service menu, readable by every caller (CreateServiceItem, ServiceMenu)', async () => {
    const item = (input: Record<string, unknown>) => ({ input: { communityId: w.communityId, category: 'CONVENIENCE_SERVICE', providerId: w.firmId, ...input } });
    const paid = await ok(stack, 'CreateServiceItem', item({ name: '上门维修水电', free: false, priceCents: 3000 }), staff);
    expect(paid.createServiceItem.serviceItem).toEqual({
      id: expect.any(String),
      name: '上门维修水电',
      category: 'CONVENIENCE_SERVICE',
      free: false,
      priceCents: 3000,
      provider: { id: w.firmId, name: '安居物业' },
    });
    serviceItemId = paid.createServiceItem.serviceItem.id;
    // The provider is only referenced: a police station of the street, outside the community, is fine.
    await ok(stack, 'CreateServiceItem', item({ name: '法律咨询', category: 'ASSISTANCE', free: true, providerId: w.policeId }), staff);

    const refused: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [item({ name: '免费理发', free: true, priceCents: 100 }), staff, { code: 'BAD_USER_INPUT', field: 'priceCents' }],
      [item({ name: '家电清洗', free: false }), staff, { code: 'BAD_USER_INPUT', field: 'priceCents' }],
      [item({ name: '党员服务', free: true, providerId: w.partyBranchId }), staff, { code: 'BAD_USER_INPUT', field: 'providerId' }],
      [item({ name: '无名服务', free: true, providerId: 'no-such-org' }), staff, { code: 'BAD_USER_INPUT', field: 'providerId' }],
      [item({ name: '', free: true }), staff, { code: 'BAD_USER_INPUT', field: 'name' }],
      [item({ name: '越权服务', free: true }), w.callers.neighbourStaff, { code: 'FORBIDDEN' }],
      [item({ name: '分析员服务', free: true }), analyst, { code: 'FORBIDDEN' }],
      [item({ name: '居民服务', free: true }), alice, { code: 'FORBIDDEN' }],
      [item({ name: '物业服务', free: true }), firmStaff, { code: 'FORBIDDEN' }],
    ];
    for (const [vars, as, expected] of refused) expect(rejection(await op(stack, 'CreateServiceItem', vars, as))).toEqual(expected);

    for (const reader of [alice, firmStaff, w.callers.neighbourStaff]) {
      const menu = await ok(stack, 'ServiceMenu', { communityId: w.communityId }, reader);
      expect(menu.serviceMenu).toEqual([
        { id: expect.any(String), name: '法律咨询', category: 'ASSISTANCE', free: true, priceCents: null, provider: { id: w.policeId, name: '青年路派出所', kind: 'POLICE_STATION' } },
        { id: serviceItemId, name: '上门维修水电', category: 'CONVENIENCE_SERVICE', free: false, priceCents: 3000, provider: { id: w.firmId, name: '安居物业', kind: 'PROPERTY_FIRM' } },
      ]);
    }
    expect((await ok(stack, 'ServiceMenu', { communityId: w.neighbourId }, alice)).serviceMenu).toEqual([]);
    expect(codes(await op(stack, 'ServiceMenu', { communityId: w.communityId }, null))).toEqual(['UNAUTHENTICATED']);
  });

  it('submits orders and reports: readable unique codes, the starting level, on a resident\'s behalf (SubmitTicket, MyTickets)', async () => {
    const r = await ok(
      stack,
      'SubmitTicket',
      { input: ticketInput(w.compoundGridId, { priority: 'URGENT', serviceItemId, location: { lat: 34.261, lng: 108.931 } }) },
      alice,
    );
    expect(r.submitTicket.ticket).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(/^TK-20261122-\d{6}$/),
      status: 'SUBMITTED',
      category: 'PROPERTY_MANAGEMENT',
      priority: 'URGENT',
      // A compound's grid: the compound level first.
      escalationLevel: 'COMPOUND',
      createdAt: clock.now().toISOString(),
      grid: { id: w.compoundGridId, code: 'XG-C', name: '西关小区网格' },
    });
    // Outside any compound: the community level; priority defaults to NORMAL.
    const area = await ok(stack, 'SubmitTicket', { input: ticketInput(w.areaGridId) }, alice);
    expect(area.submitTicket.ticket).toMatchObject({ escalationLevel: 'COMMUNITY', priority: 'NORMAL' });

    // A grid worker knocking on Bob's door submits for him: Bob is the reporter and follows it.
    const knocked = await submit(stack, gridWorker, ticketInput(w.compoundGridId, { channel: 'DOOR_KNOCKING', onBehalfOfPersonId: w.residents.bob.personId }));
    const bobs = await ok(stack, 'MyTickets', {}, bob);
    expect(bobs.myTickets.edges.map((e: any) => e.node.id)).toEqual([knocked.id]);
    expect(bobs.myTickets.edges[0].node.timeline).toEqual([{ at: clock.now().toISOString(), action: 'SUBMIT', fromStatus: null, toStatus: 'SUBMITTED', note: null }]);
    expect((await ok(stack, 'MyTickets', {}, gridWorker)).myTickets.totalCount).toBe(0);
    expect((await ok(stack, 'MyTickets', { first: 1 }, alice)).myTickets).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });

    const before = (await ticketEvents(stack)).length;
    const refused: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [ticketInput(w.areaGridId, { onBehalfOfPersonId: w.residents.bob.personId }), alice, { code: 'FORBIDDEN' }],
      [ticketInput(w.areaGridId, { onBehalfOfPersonId: w.residents.alice.personId }), w.neighbourGridWorker, { code: 'FORBIDDEN' }],
      [ticketInput(w.areaGridId), analyst, { code: 'FORBIDDEN' }],
      [ticketInput(w.areaGridId), firmStaff, { code: 'FORBIDDEN' }],
      [ticketInput('no-such-grid'), alice, { code: 'NOT_FOUND' }],
      [ticketInput(w.areaGridId, { title: ' ' }), alice, { code: 'BAD_USER_INPUT', field: 'title' }],
      [ticketInput(w.areaGridId, { title: '灯'.repeat(101) }), alice, { code: 'BAD_USER_INPUT', field: 'title' }],
      [ticketInput(w.areaGridId, { description: '长'.repeat(2001) }), alice, { code: 'BAD_USER_INPUT', field: 'description' }],
      [ticketInput(w.areaGridId, { contactPhone: '12345' }), alice, { code: 'BAD_USER_INPUT', field: 'contactPhone' }],
      [ticketInput(w.areaGridId, { location: { lat: 91, lng: 108.9 } }), alice, { code: 'BAD_USER_INPUT', field: 'location' }],
      // The item is on the menu of another community.
      [ticketInput(w.neighbourGridId, { serviceItemId }), alice, { code: 'BAD_USER_INPUT', field: 'serviceItemId' }],
    ];
    for (const [input, as, expected] of refused) expect(rejection(await op(stack, 'SubmitTicket', { input }, as))).toEqual(expected);
    // A rejected mutation changes nothing: no ticket, no event.
    expect((await ticketEvents(stack)).length).toBe(before);
    expect(codes(await op(stack, 'SubmitTicket', { input: ticketInput(w.areaGridId) }, null))).toEqual(['UNAUTHENTICATED']);
  });

  it('numbers codes per day in China Standard Time, uniquely under concurrent submissions', async () => {
    const parallel = await Promise.all(Array.from({ length: 12 }, () => submit(stack, alice, ticketInput(w.areaGridId))));
    const numbers = parallel.map((t) => Number(t.code.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[11] - numbers[0]).toBe(11);
    // 16:00 UTC is midnight in UTC+8: a new day, a new sequence.
    clock.set('2026-11-22T16:00:00.000Z');
    expect((await submit(stack, alice, ticketInput(w.areaGridId))).code).toBe('TK-20261123-000001');
  });

  it('order → dispatch → accept → resolve → rate, with masking by status and the events evaluations needs', async () => {
    const t = await submit(stack, alice, ticketInput(w.compoundGridId, { serviceItemId }));
    const inbox = await ok(stack, 'CommunityInbox', { filter: { status: 'SUBMITTED', gridId: w.compoundGridId }, first: 5 }, staff);
    expect(inbox.tickets.edges[0].node).toEqual({
      id: t.id,
      code: t.code,
      title: '楼道灯不亮',
      category: 'PROPERTY_MANAGEMENT',
      priority: 'NORMAL',
      status: 'SUBMITTED',
      escalationLevel: 'COMPOUND',
      createdAt: clock.now().toISOString(),
      responseDueAt: null,
      resolutionDueAt: null,
      overdue: false,
      // The organisations subgraph shows the reporter whole to the community's staff.
      reporter: { id: w.residents.alice.personId, name: '王秀兰', phone: w.residents.alice.phone },
      grid: { id: w.compoundGridId, name: '西关小区网格', compound: { id: w.compoundId, name: '西关小区', propertyFirm: { id: w.firmId, name: '安居物业' } } },
      assignee: null,
    });

    const dispatchedAt = clock.now();
    const dispatched = await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId, note: '请物业尽快处理' }, gridWorker);
    expect(dispatched.dispatchTicket.ticket).toEqual({
      id: t.id,
      status: 'DISPATCHED',
      assignee: { id: w.firmId, name: '安居物业', kind: 'PROPERTY_FIRM' },
      responseDueAt: iso(dispatchedAt, 24),
      resolutionDueAt: iso(dispatchedAt, 72),
    });

    clock.advance(1);
    const queue = await ok(stack, 'FirmQueue', { firmId: w.firmId, status: ['DISPATCHED', 'ACCEPTED'] }, firmStaff);
    const queued = queue.organisation.assignedTickets.edges.find((e: any) => e.node.id === t.id).node;
    // The assignee's staff see the contact phone whole while DISPATCHED or ACCEPTED.
    expect(queued).toMatchObject({ status: 'DISPATCHED', contactPhone: '13812345678', overdue: false, grid: { id: w.compoundGridId, compound: { id: w.compoundId } } });
    // Another firm's queue is not this firm's business.
    const peek = await op(stack, 'FirmQueue', { firmId: w.firmId }, otherFirmStaff);
    expect(codes(peek)).toEqual(['FORBIDDEN']);
    expect(peek.data.organisation.assignedTickets).toBeNull();

    expect((await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff)).acceptTicket.ticket).toEqual({ id: t.id, status: 'ACCEPTED' });
    clock.advance(2);
    expect((await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已更换灯泡' }, firmStaff)).resolveTicket.ticket).toEqual({ id: t.id, status: 'RESOLVED' });
    const after = await ok(stack, 'FirmQueue', { firmId: w.firmId, status: ['RESOLVED'] }, firmStaff);
    expect(after.organisation.assignedTickets.edges.find((e: any) => e.node.id === t.id).node.contactPhone).toBe(MASKED);

    clock.advance(1);
    const rated = await ok(stack, 'RateTicket', { id: t.id, score: 5, comment: '很满意' }, alice);
    expect(rated.rateTicket.ticket).toEqual({ id: t.id, status: 'CLOSED', rating: { score: 5, comment: '很满意', ratedAt: clock.now().toISOString() } });

    const full = (await ok(stack, 'Ticket', { id: t.id }, staff)).ticket;
    expect(full).toMatchObject({
      code: t.code,
      description: '3号楼2单元楼道灯坏了一周，晚上看不见路。',
      channel: 'APP',
      status: 'CLOSED',
      grid: { id: w.compoundGridId, code: 'XG-C', community: { id: w.communityId, name: '西关社区' } },
      assignee: { id: w.firmId, kind: 'PROPERTY_FIRM' },
      serviceItem: { id: serviceItemId, name: '上门维修水电' },
      rating: { score: 5, comment: '很满意' },
      // The scheduler only watches due times in force: none after the rating.
      overdue: false,
    });
    expect(full.timeline.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['SUBMIT', null, 'SUBMITTED', null],
      ['DISPATCH', 'SUBMITTED', 'DISPATCHED', '请物业尽快处理'],
      ['ACCEPT', 'DISPATCHED', 'ACCEPTED', null],
      ['RESOLVE', 'ACCEPTED', 'RESOLVED', '已更换灯泡'],
      ['RATE', 'RESOLVED', 'CLOSED', '很满意'],
    ]);
    // The reporter is a person the community's staff may see; the grid worker (a token-only caller) is unknown there.
    expect(full.timeline[0].actor).toEqual({ id: w.residents.alice.personId, name: '王秀兰' });
    expect(full.timeline[1].actor).toBeNull();

    // Every transition's event carries the whole snapshot: firm, community path, grid, due times, timestamps.
    const events = (await ticketEvents(stack)).filter((e) => (e.payload as any).ticket?.ticketId === t.id);
    expect(events.map((e) => e.type)).toEqual([
      'tickets.ticket.submitted',
      'tickets.ticket.dispatched',
      'tickets.ticket.accepted',
      'tickets.ticket.resolved',
      'tickets.ticket.rated',
    ]);
    expect(events.map((e) => (e.payload as any).ticket.version)).toEqual([1, 2, 3, 4, 5]);
    expect((events[1].payload as any).ticket).toMatchObject({
      code: t.code,
      status: 'DISPATCHED',
      assigneeId: w.firmId,
      gridId: w.compoundGridId,
      compoundId: w.compoundId,
      communityId: w.communityId,
      communityAncestorIds: [w.districtId, w.streetId],
      reporterId: w.residents.alice.personId,
      lastDispatchedAt: dispatchedAt.toISOString(),
      responseDueAt: iso(dispatchedAt, 24),
      resolutionDueAt: iso(dispatchedAt, 72),
    });
    expect(events[4].payload).toMatchObject({
      ticket: { status: 'CLOSED', resolvedById: w.firmId, rating: { score: 5 }, closedAt: clock.now().toISOString() },
      transition: { action: 'RATE', fromStatus: 'RESOLVED', toStatus: 'CLOSED', actorId: w.residents.alice.personId },
    });

    // The analytics pull shows the ticket parts (closedAt, rating, channel…) across the four subgraphs.
    const exported = await ok(stack, 'TicketExport', { filter: { scopeId: w.districtId, status: 'CLOSED' }, period: '2026-11' }, analyst);
    expect(exported.tickets.edges.find((e: any) => e.node.id === t.id).node).toMatchObject({
      code: t.code,
      channel: 'APP',
      status: 'CLOSED',
      escalationLevel: 'COMPOUND',
      closedAt: clock.now().toISOString(),
      rating: { score: 5 },
      grid: { id: w.compoundGridId, level: 'COMPOUND', community: { id: w.communityId, parent: { id: w.streetId } } },
      assignee: { id: w.firmId, kind: 'PROPERTY_FIRM' },
    });
  });

  it('refuses every transition the diagram lacks: INVALID_TRANSITION with status and action, changing nothing', async () => {
    const s = await ticketIn('SUBMITTED');
    const d = await ticketIn('DISPATCHED');
    const a = await ticketIn('ACCEPTED');
    const r = await ticketIn('RESOLVED');
    const c = await ticketIn('CLOSED');
    const x = await ticketIn('CANCELLED');
    const cases: [{ id: string }, string, Record<string, unknown>, Caller, string, string][] = [
      [s, 'AcceptTicket', {}, SYSTEM_ADMIN, 'SUBMITTED', 'ACCEPT'],
      [s, 'ReturnTicket', { reason: '不归我管' }, SYSTEM_ADMIN, 'SUBMITTED', 'RETURN'],
      [s, 'ResolveTicket', { feedback: '已处理' }, SYSTEM_ADMIN, 'SUBMITTED', 'RESOLVE'],
      [s, 'RateTicket', { score: 5 }, alice, 'SUBMITTED', 'RATE'],
      [s, 'ReopenTicket', { reason: '没修好' }, alice, 'SUBMITTED', 'REOPEN'],
      [d, 'ResolveTicket', { feedback: '已处理' }, firmStaff, 'DISPATCHED', 'RESOLVE'],
      [d, 'CancelTicket', { reason: '不需要了' }, alice, 'DISPATCHED', 'CANCEL'],
      [d, 'RateTicket', { score: 5 }, alice, 'DISPATCHED', 'RATE'],
      [a, 'DispatchTicket', { assigneeId: w.otherFirmId }, staff, 'ACCEPTED', 'DISPATCH'],
      [a, 'AcceptTicket', {}, firmStaff, 'ACCEPTED', 'ACCEPT'],
      [a, 'ReturnTicket', { reason: '不归我管' }, firmStaff, 'ACCEPTED', 'RETURN'],
      [a, 'CancelTicket', { reason: '不需要了' }, alice, 'ACCEPTED', 'CANCEL'],
      [a, 'RateTicket', { score: 5 }, alice, 'ACCEPTED', 'RATE'],
      [a, 'ReopenTicket', { reason: '没修好' }, alice, 'ACCEPTED', 'REOPEN'],
      [r, 'ResolveTicket', { feedback: '再次处理' }, firmStaff, 'RESOLVED', 'RESOLVE'],
      [r, 'AcceptTicket', {}, firmStaff, 'RESOLVED', 'ACCEPT'],
      [r, 'EscalateTicket', { reason: '升级' }, staff, 'RESOLVED', 'ESCALATE'],
      [r, 'DispatchTicket', { assigneeId: w.otherFirmId }, staff, 'RESOLVED', 'DISPATCH'],
      [r, 'CancelTicket', { reason: '不需要了' }, alice, 'RESOLVED', 'CANCEL'],
      [c, 'RateTicket', { score: 1 }, alice, 'CLOSED', 'RATE'],
      [c, 'ReopenTicket', { reason: '没修好' }, alice, 'CLOSED', 'REOPEN'],
      [c, 'EscalateTicket', { reason: '升级' }, staff, 'CLOSED', 'ESCALATE'],
      [c, 'DispatchTicket', { assigneeId: w.otherFirmId }, staff, 'CLOSED', 'DISPATCH'],
      [x, 'DispatchTicket', { assigneeId: w.firmId }, staff, 'CANCELLED', 'DISPATCH'],
      [x, 'CancelTicket', { reason: '再取消' }, alice, 'CANCELLED', 'CANCEL'],
      [x, 'EscalateTicket', { reason: '升级' }, staff, 'CANCELLED', 'ESCALATE'],
      [x, 'ReopenTicket', { reason: '没修好' }, alice, 'CANCELLED', 'REOPEN'],
    ];
    for (const [t, name, vars, as, status, action] of cases) {
      const before = await storedTicket(stack, t.id);
      const res = await op(stack, name, { id: t.id, ...vars }, as);
      expect({ name, status, ...rejection(res) }).toEqual({ name, code: 'INVALID_TRANSITION', status, action });
      const after = await storedTicket(stack, t.id);
      expect(after.row.version).toBe(before.row.version);
      expect(after.timeline.length).toBe(before.timeline.length);
    }
    // A rating out of 1–5 is bad input, and the ticket stays RESOLVED.
    expect(rejection(await op(stack, 'RateTicket', { id: r.id, score: 6 }, alice))).toEqual({ code: 'BAD_USER_INPUT', field: 'score' });
    expect((await storedTicket(stack, r.id)).row.status).toBe('RESOLVED');
  });

  it('lets only the right people act (FORBIDDEN), and checks dispatch targets', async () => {
    const s = await ticketIn('SUBMITTED');
    const d = await ticketIn('DISPATCHED');
    const r = await ticketIn('RESOLVED');
    const cases: [{ id: string }, string, Record<string, unknown>, Caller, Record<string, unknown>][] = [
      // COMMUNITY level: grid workers and community staff dispatch, not street or district admins.
      [s, 'DispatchTicket', { assigneeId: w.firmId }, streetAdmin, { code: 'FORBIDDEN' }],
      [s, 'DispatchTicket', { assigneeId: w.firmId }, districtAdmin, { code: 'FORBIDDEN' }],
      [s, 'DispatchTicket', { assigneeId: w.firmId }, w.callers.neighbourStaff, { code: 'FORBIDDEN' }],
      [s, 'DispatchTicket', { assigneeId: w.firmId }, analyst, { code: 'FORBIDDEN' }],
      [s, 'DispatchTicket', { assigneeId: w.firmId }, alice, { code: 'FORBIDDEN' }],
      [s, 'EscalateTicket', { reason: '升级' }, firmStaff, { code: 'FORBIDDEN' }],
      [s, 'CancelTicket', { reason: '取消' }, staff, { code: 'FORBIDDEN' }],
      [s, 'CancelTicket', { reason: '取消' }, bob, { code: 'FORBIDDEN' }],
      [d, 'AcceptTicket', {}, otherFirmStaff, { code: 'FORBIDDEN' }],
      [d, 'AcceptTicket', {}, staff, { code: 'FORBIDDEN' }],
      [d, 'ReturnTicket', { reason: '退回' }, otherFirmStaff, { code: 'FORBIDDEN' }],
      [r, 'RateTicket', { score: 5 }, staff, { code: 'FORBIDDEN' }],
      [r, 'RateTicket', { score: 5 }, SYSTEM_ADMIN, { code: 'FORBIDDEN' }],
      [r, 'ReopenTicket', { reason: '没修好' }, firmStaff, { code: 'FORBIDDEN' }],
      // Dispatch goes to organisations that handle work.
      [s, 'DispatchTicket', { assigneeId: w.partyBranchId }, staff, { code: 'BAD_USER_INPUT', field: 'assigneeId' }],
      [s, 'DispatchTicket', { assigneeId: w.streetId }, staff, { code: 'BAD_USER_INPUT', field: 'assigneeId' }],
      [s, 'DispatchTicket', { assigneeId: 'no-such-org' }, staff, { code: 'BAD_USER_INPUT', field: 'assigneeId' }],
      [s, 'EscalateTicket', { reason: '' }, staff, { code: 'BAD_USER_INPUT', field: 'reason' }],
      [d, 'ReturnTicket', { reason: ' ' }, firmStaff, { code: 'BAD_USER_INPUT', field: 'reason' }],
      [{ id: 'no-such-ticket' }, 'AcceptTicket', {}, firmStaff, { code: 'NOT_FOUND' }],
    ];
    for (const [t, name, vars, as, expected] of cases) {
      const before = await storedTicket(stack, t.id).catch(() => null);
      expect({ name, who: as.sub, ...rejection(await op(stack, name, { id: t.id, ...vars }, as)) }).toEqual({ name, who: as.sub, ...expected });
      if (before) expect((await storedTicket(stack, t.id)).row.version).toBe(before.row.version);
    }
  });

  it('reassigns, returns and escalates up the ladder; past DISTRICT is INVALID_TRANSITION (DispatchTicket, ReturnTicket, EscalateTicket)', async () => {
    const t = await ticketIn('SUBMITTED');
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, staff);
    clock.advance(1);
    const reassigned = await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.otherFirmId, note: '改派宏达' }, staff);
    expect(reassigned.dispatchTicket.ticket).toMatchObject({ status: 'DISPATCHED', assignee: { id: w.otherFirmId }, responseDueAt: iso(clock.now(), 24) });
    expect(rejection(await op(stack, 'DispatchTicket', { id: t.id, assigneeId: w.otherFirmId }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'assigneeId' });
    // The first firm never accepted it: it no longer sees it.
    expect(codes(await op(stack, 'Ticket', { id: t.id }, firmStaff))).toEqual(['FORBIDDEN']);

    const returned = await ok(stack, 'ReturnTicket', { id: t.id, reason: '不属于物业服务范围' }, otherFirmStaff);
    expect(returned.returnTicket.ticket).toEqual({ id: t.id, status: 'SUBMITTED', assignee: null });
    expect(codes(await op(stack, 'Ticket', { id: t.id }, otherFirmStaff))).toEqual(['FORBIDDEN']);

    const toStreet = await ok(stack, 'EscalateTicket', { id: t.id, reason: '社区无法协调' }, gridWorker);
    expect(toStreet.escalateTicket.ticket).toEqual({ id: t.id, status: 'SUBMITTED', escalationLevel: 'STREET' });
    // Grid workers see COMPOUND and COMMUNITY levels only; community staff keep reading their scope.
    expect(codes(await op(stack, 'Ticket', { id: t.id }, gridWorker))).toEqual(['FORBIDDEN']);
    expect((await ok(stack, 'Ticket', { id: t.id }, staff)).ticket.escalationLevel).toBe('STREET');
    // STREET level: street admins dispatch, of this street only.
    expect(codes(await op(stack, 'DispatchTicket', { id: t.id, assigneeId: w.policeId }, staff))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'DispatchTicket', { id: t.id, assigneeId: w.policeId }, w.otherStreetAdmin))).toEqual(['FORBIDDEN']);
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.policeId, note: '请派出所调解' }, streetAdmin);
    await ok(stack, 'AcceptTicket', { id: t.id }, w.policeStaff);

    const toDistrict = await ok(stack, 'EscalateTicket', { id: t.id, reason: '涉及多部门' }, streetAdmin);
    expect(toDistrict.escalateTicket.ticket).toEqual({ id: t.id, status: 'SUBMITTED', escalationLevel: 'DISTRICT' });
    // The police station handled it: it keeps seeing it, though it is no longer in its queue.
    expect((await ok(stack, 'Ticket', { id: t.id }, w.policeStaff)).ticket).toMatchObject({ id: t.id, assignee: null });
    const policeQueue = await ok(stack, 'FirmQueue', { firmId: w.policeId }, w.policeStaff);
    expect(policeQueue.organisation.assignedTickets.edges.map((e: any) => e.node.id)).not.toContain(t.id);

    expect(codes(await op(stack, 'EscalateTicket', { id: t.id, reason: '再升级' }, streetAdmin))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'EscalateTicket', { id: t.id, reason: '再升级' }, districtAdmin))).toEqual({
      code: 'INVALID_TRANSITION',
      status: 'SUBMITTED',
      action: 'ESCALATE',
    });
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, districtAdmin);

    const { ticket } = await ok(stack, 'Ticket', { id: t.id }, districtAdmin);
    expect(ticket.timeline.map((e: any) => `${e.action}:${e.toStatus}:${e.note ?? ''}`)).toEqual([
      'SUBMIT:SUBMITTED:',
      'DISPATCH:DISPATCHED:',
      'DISPATCH:DISPATCHED:改派宏达',
      'RETURN:SUBMITTED:不属于物业服务范围',
      'ESCALATE:SUBMITTED:社区无法协调',
      'DISPATCH:DISPATCHED:请派出所调解',
      'ACCEPT:ACCEPTED:',
      'ESCALATE:SUBMITTED:涉及多部门',
      'DISPATCH:DISPATCHED:',
    ]);
    const escalated = (await ticketEvents(stack, 'tickets.ticket.escalated')).filter((e) => (e.payload as any).ticket.ticketId === t.id);
    expect(escalated.map((e) => (e.payload as any).ticket)).toEqual([
      expect.objectContaining({ escalationLevel: 'STREET', status: 'SUBMITTED', assigneeId: null, responseDueAt: null }),
      expect.objectContaining({ escalationLevel: 'DISTRICT', status: 'SUBMITTED', assigneeId: null }),
    ]);
  });

  it('cancels, reopens ("not fixed") and re-rates; a bad rating reaches the firm\'s assessment with its ticket (CancelTicket, ReopenTicket)', async () => {
    const s = await ticketIn('SUBMITTED');
    expect((await ok(stack, 'CancelTicket', { id: s.id, reason: '邻居帮忙修好了' }, alice)).cancelTicket.ticket).toEqual({ id: s.id, status: 'CANCELLED' });

    const t = await submit(stack, alice, ticketInput(w.compoundGridId, { priority: 'URGENT' }));
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, staff);
    await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff);
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已疏通' }, firmStaff);
    clock.advance(5);
    const reopened = await ok(stack, 'ReopenTicket', { id: t.id, reason: '第二天又堵了' }, alice);
    // Same assignee; a new resolution due time from the reopening (URGENT: 24 h).
    expect(reopened.reopenTicket.ticket).toEqual({ id: t.id, status: 'ACCEPTED', reopenCount: 1, resolutionDueAt: iso(clock.now(), 24), assignee: { id: w.firmId } });
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '更换了管道' }, firmStaff);
    await ok(stack, 'RateTicket', { id: t.id, score: 2, comment: '拖了太久' }, alice);

    const mine = await ok(stack, 'MyTickets', { first: 5 }, alice);
    const node = mine.myTickets.edges.find((e: any) => e.node.id === t.id).node;
    expect(node.timeline.map((e: any) => e.action)).toEqual(['SUBMIT', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'REOPEN', 'RESOLVE', 'RATE']);
    expect(node).toMatchObject({ status: 'CLOSED', assignee: { id: w.firmId, name: '安居物业' }, rating: { score: 2, comment: '拖了太久' } });
    expect(mine.myTickets.edges.find((e: any) => e.node.id === s.id).node.timeline.at(-1)).toMatchObject({ action: 'CANCEL', note: '邻居帮忙修好了' });

    // Evaluations shows the deduction's ticket through this subgraph's scoped reference resolver.
    const deduction = await waitFor(async () => {
      const r = await ok(stack, 'FirmAssessment', { firmId: w.firmId, period: '2026-11' }, firmStaff);
      const found = r.organisation.assessment?.deductions.find((x: any) => x.ticket?.id === t.id);
      expect(found).toBeDefined();
      return found;
    }, { timeoutMs: 5_000, intervalMs: 100 });
    expect(deduction).toMatchObject({ reason: 'BAD_RATING', ticket: { id: t.id, code: t.code, title: '楼道灯不亮' } });
    // Assessments are public, the ticket is not: a resident who did not report it sees the deduction, not the ticket.
    const asBob = await ok(stack, 'FirmAssessment', { firmId: w.firmId, period: '2026-11' }, bob);
    const bobsView = asBob.organisation.assessment.deductions.filter((x: any) => x.reason === 'BAD_RATING');
    expect(bobsView.length).toBeGreaterThan(0);
    expect(bobsView.every((x: any) => x.ticket === null)).toBe(true);
  });

  it('scopes every list and masks contact phones (CommunityInbox, Ticket, MyTickets)', async () => {
    const own = await submit(stack, alice, ticketInput(w.areaGridId));
    const neighbours = await submit(stack, w.residents.carol, ticketInput(w.neighbourGridId));
    const far = await submit(stack, bob, ticketInput(w.farGridId));
    const ids = async (as: Caller, filter: Record<string, unknown>) => {
      const r = await ok(stack, 'CommunityInbox', { filter, first: 100 }, as);
      return { total: r.tickets.totalCount as number, ids: r.tickets.edges.map((e: any) => e.node.id) as string[] };
    };
    const community = await ids(staff, {});
    expect(community.ids).toContain(own.id);
    expect(community.ids).not.toContain(neighbours.id);
    expect(community.ids).not.toContain(far.id);
    const street = await ids(streetAdmin, { scopeId: w.streetId });
    expect(street.ids).toEqual(expect.arrayContaining([own.id, neighbours.id]));
    expect(street.ids).not.toContain(far.id);
    expect(street.total).toBeGreaterThan(community.total);
    expect((await ids(analyst, { scopeId: w.districtId })).ids).toEqual(expect.arrayContaining([own.id, neighbours.id, far.id]));
    expect((await ids(streetAdmin, { scopeId: w.communityId })).total).toBe(community.total);

    // An explicit filter outside the caller's scope: FORBIDDEN, and no count, no names.
    for (const [as, filter] of [
      [w.callers.neighbourStaff, { scopeId: w.communityId }],
      [w.callers.neighbourStaff, { gridId: w.compoundGridId }],
      [w.otherStreetAdmin, { scopeId: w.streetId }],
      [alice, { scopeId: w.communityId }],
      [firmStaff, { gridId: w.areaGridId }],
    ] as [Caller, Record<string, unknown>][]) {
      const r = await op(stack, 'CommunityInbox', { filter }, as);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.data).toBeNull();
    }
    // Without a filter the neighbour community's staff see their own community only.
    const neighbourView = await ids(w.callers.neighbourStaff, {});
    expect(neighbourView.ids).toContain(neighbours.id);
    expect(neighbourView.ids).not.toContain(own.id);

    // Grid workers: their scope, COMPOUND and COMMUNITY levels only.
    const levels = await ok(stack, 'CommunityInbox', { filter: {}, first: 100 }, gridWorker);
    expect(new Set(levels.tickets.edges.map((e: any) => e.node.escalationLevel))).toEqual(new Set(['COMPOUND', 'COMMUNITY']));
    expect((await ids(gridWorker, { escalationLevel: 'DISTRICT' })).total).toBe(0);
    expect((await ids(staff, { escalationLevel: 'DISTRICT' })).total).toBeGreaterThan(0);

    // Residents: their own tickets only.
    const mine = await ids(alice, {});
    expect(mine.total).toBe((await ok(stack, 'MyTickets', {}, alice)).myTickets.totalCount);
    expect(codes(await op(stack, 'Ticket', { id: own.id }, bob))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'Ticket', { id: own.id }, w.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'Ticket', { id: 'no-such-ticket' }, staff))).toEqual(['NOT_FOUND']);

    // Handlers: tickets assigned to them now or handled before, nothing else.
    const firmView = await ok(stack, 'CommunityInbox', { filter: {}, first: 100 }, firmStaff);
    expect(firmView.tickets.edges.length).toBeGreaterThan(0);
    expect(firmView.tickets.edges.map((e: any) => e.node.id)).not.toContain(own.id);
    const handled = new Set(
      (await stack.subgraphs.tickets.orm.em.fork().find(TicketHandlerEntity, { organisationId: w.firmId })).map((h) => h.ticketId),
    );
    for (const e of firmView.tickets.edges) {
      const { row } = await storedTicket(stack, e.node.id);
      expect(row.assigneeId === w.firmId || handled.has(row.id)).toBe(true);
    }

    // Contact phones: whole for the scope's staff, grid workers and the reporter; masked for analysts and others.
    const phoneOf = async (as: Caller, id: string) => {
      const r = await stack.gql(`query($id: ID!) { ticket(id: $id) { contactPhone } }`, { id }, as);
      expect(r.errors).toBeUndefined();
      return r.data.ticket.contactPhone;
    };
    expect(await phoneOf(staff, own.id)).toBe('13812345678');
    expect(await phoneOf(gridWorker, own.id)).toBe('13812345678');
    expect(await phoneOf(streetAdmin, own.id)).toBe('13812345678');
    expect(await phoneOf(alice, own.id)).toBe('13812345678');
    expect(await phoneOf(analyst, own.id)).toBe(MASKED);

    // The reference resolver (what evaluations' deductions use) scopes too: null where the caller may not see.
    const entities = async (as: Caller) => {
      const res = await fetch(stack.subgraphs.tickets.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] })}` },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id code } } }`,
          variables: { r: [own.id, neighbours.id, far.id].map((id) => ({ __typename: 'Ticket', id })) },
        }),
      });
      return ((await res.json()) as any).data._entities.map((e: any) => e?.id ?? null);
    };
    expect(await entities(staff)).toEqual([own.id, null, null]);
    expect(await entities(streetAdmin)).toEqual([own.id, neighbours.id, null]);
    expect(await entities(analyst)).toEqual([own.id, neighbours.id, far.id]);
    expect(await entities(bob)).toEqual([null, null, far.id]);
  });

  it('computes overdue from due times against the clock, and filters by it', async () => {
    const t = await ticketIn('SUBMITTED', w.compoundGridId);
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, staff);
    const overdue = async () => (await ok(stack, 'Ticket', { id: t.id }, staff)).ticket.overdue as boolean;
    const listed = async (value: boolean) =>
      (await ok(stack, 'CommunityInbox', { filter: { overdue: value, gridId: w.compoundGridId }, first: 100 }, staff)).tickets.edges.map((e: any) => e.node.id);
    expect(await overdue()).toBe(false);
    expect(await listed(false)).toContain(t.id);

    clock.advance(25); // response due (24 h) passed without acceptance
    expect(await overdue()).toBe(true);
    expect(await listed(true)).toContain(t.id);
    expect(await listed(false)).not.toContain(t.id);

    await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff); // the step the response due time guards happened
    expect(await overdue()).toBe(false);
    clock.advance(48); // resolution due (72 h) passed without a resolve
    expect(await overdue()).toBe(true);
    expect(await listed(true)).toContain(t.id);
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已处理' }, firmStaff);
    expect(await overdue()).toBe(false);
    expect(await listed(false)).toContain(t.id);
  });

  it('schedules deliberations that settle linked tickets (ScheduleDeliberation, RecordDeliberationOutcome)', async () => {
    const open = await ticketIn('SUBMITTED');
    const accepted = await ticketIn('ACCEPTED');
    const resolved = await ticketIn('RESOLVED');
    const other = await submit(stack, w.residents.carol, ticketInput(w.neighbourGridId));
    const input = (extra: Record<string, unknown> = {}) => ({
      input: {
        format: 'BENCH_MEETING',
        topic: '3号楼楼道照明与停车问题',
        communityId: w.communityId,
        scheduledAt: '2026-11-28T19:30:00+08:00',
        ticketIds: [open.id, accepted.id, resolved.id],
        gridId: w.areaGridId,
        ...extra,
      },
    });
    expect(rejection(await op(stack, 'ScheduleDeliberation', input({ ticketIds: [open.id, other.id] }), SYSTEM_ADMIN))).toEqual({ code: 'BAD_USER_INPUT', field: 'ticketIds' });
    expect(codes(await op(stack, 'ScheduleDeliberation', input(), w.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'ScheduleDeliberation', input(), analyst))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'ScheduleDeliberation', input({ gridId: w.neighbourGridId }), staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'gridId' });

    const scheduled = (await ok(stack, 'ScheduleDeliberation', input(), gridWorker)).scheduleDeliberation.deliberation;
    expect(scheduled).toEqual({
      id: expect.any(String),
      format: 'BENCH_MEETING',
      topic: '3号楼楼道照明与停车问题',
      scheduledAt: '2026-11-28T11:30:00.000Z',
      status: 'SCHEDULED',
      tickets: [
        { id: open.id, code: open.code, status: 'SUBMITTED' },
        { id: accepted.id, code: accepted.code, status: 'ACCEPTED' },
        { id: resolved.id, code: resolved.code, status: 'RESOLVED' },
      ],
    });

    const outcome = '业主代表、物业与社区协商：物业本周内更换全部楼道灯，车位按登记顺序分配。';
    const held = await ok(stack, 'RecordDeliberationOutcome', { id: scheduled.id, outcome, resolveTickets: true }, staff);
    expect(held.recordDeliberationOutcome.deliberation).toEqual({
      id: scheduled.id,
      status: 'HELD',
      outcome,
      tickets: [
        { id: open.id, status: 'RESOLVED' },
        { id: accepted.id, status: 'RESOLVED' },
        { id: resolved.id, status: 'RESOLVED' },
      ],
    });
    for (const t of [open, accepted]) {
      const { ticket } = await ok(stack, 'Ticket', { id: t.id }, staff);
      expect(ticket.timeline.at(-1)).toMatchObject({ action: 'DELIBERATE', toStatus: 'RESOLVED', note: outcome });
    }
    // The already resolved ticket was left as it was.
    expect((await ok(stack, 'Ticket', { id: resolved.id }, staff)).ticket.timeline.at(-1).action).toBe('RESOLVE');
    const resolvedEvents = (await ticketEvents(stack, 'tickets.ticket.resolved')).filter((e) => (e.payload as any).transition.action === 'DELIBERATE');
    expect(resolvedEvents.map((e) => (e.payload as any).ticket.ticketId).sort()).toEqual([open.id, accepted.id].sort());
    // Residents then rate as usual.
    await ok(stack, 'RateTicket', { id: open.id, score: 4 }, alice);

    expect(rejection(await op(stack, 'RecordDeliberationOutcome', { id: scheduled.id, outcome: '再议', resolveTickets: false }, staff))).toEqual({
      code: 'INVALID_TRANSITION',
      status: 'HELD',
      action: 'RECORD_OUTCOME',
    });
    const pending = await submit(stack, alice, ticketInput(w.areaGridId));
    const noResolve = (await ok(stack, 'ScheduleDeliberation', input({ format: 'SUNSHINE_HALL', ticketIds: [pending.id] }), staff)).scheduleDeliberation.deliberation;
    const heldOnly = await ok(stack, 'RecordDeliberationOutcome', { id: noResolve.id, outcome: '继续观察', resolveTickets: false }, staff);
    // Without resolveTickets the meeting is held and its tickets stay as they were.
    expect(heldOnly.recordDeliberationOutcome.deliberation).toMatchObject({ status: 'HELD', outcome: '继续观察', tickets: [{ id: pending.id, status: 'SUBMITTED' }] });

    // The community's meetings, for its staff and analysts of the scope; FORBIDDEN elsewhere.
    const LIST = `query($c: ID!) { deliberations(communityId: $c) { id format status heldAt } }`;
    const listed = await stack.gql(LIST, { c: w.communityId }, analyst);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.deliberations.map((d: any) => d.id).sort()).toEqual([scheduled.id, noResolve.id].sort());
    expect(listed.data.deliberations.every((d: any) => d.status === 'HELD' && d.heldAt)).toBe(true);
    expect(codes(await stack.gql(LIST, { c: w.communityId }, w.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.gql(LIST, { c: w.communityId }, alice))).toEqual(['FORBIDDEN']);
  });
});
