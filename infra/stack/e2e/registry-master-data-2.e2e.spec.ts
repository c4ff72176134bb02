import { waitFor } from '@linli/testing';
import { GridNodeEntity } from '@linli/tickets';
import { codes, MODES, startTestStack, type TestStack } from './harness';
import { creditCode, SYSTEM_ADMIN } from './fixtures';
import { AREA, at, registerPerson } from './grids.fixtures';
import { buildTerritory, ok, op, rejection, ticketInput, type Territory } from './tickets.fixtures';

jest.setTimeout(240_000);

/**
 * Issue 13, keeping grids' and the service menu's master data current through
 * the real gateway in both modes: the five contract operations unchanged,
 * their refusals (scope, input, conflicts), and what other services learn
 * from the events (a renamed compound in their copies, a retired grid that
 * takes no ticket, a deactivated organisation that takes no new work).
 */
describe.each(MODES)('master data of grids and the service menu (%s)', (mode) => {
  let stack: TestStack;
  let t: Territory;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'masterdata2');
    t = await buildTerritory(stack);
  });
  afterAll(() => stack?.stop());

  /** The name a subgraph's copy of the compound holds (null until it has one). */
  const copiedName = async (subgraph: 'organisations' | 'owners', table: string, id: string): Promise<string | null> => {
    const rows = await stack.subgraphs[subgraph].orm.em.fork().getConnection().execute(`select name from ${table} where id = ?`, [id]);
    return rows[0]?.name ?? null;
  };

  it('updates a compound in scope; its new name reaches the other services’ copies', async () => {
    const staff = t.callers.communityStaff;
    expect(codes(await op(stack, 'UpdateCompound', { id: t.compoundId, input: { name: '西关花园' } }, t.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'UpdateCompound', { id: t.compoundId, input: { name: ' ' } }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(rejection(await op(stack, 'UpdateCompound', { id: t.compoundId, input: { households: -3 } }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'households' });

    const r = await ok(stack, 'UpdateCompound', { id: t.compoundId, input: { name: '西关花园', address: '西关正街1号' } }, staff);
    expect(r.updateCompound.compound).toEqual({ id: t.compoundId, name: '西关花园', address: '西关正街1号', households: 480 });
    await waitFor(async () => {
      expect(await copiedName('organisations', 'compound_node', t.compoundId)).toBe('西关花园');
      expect(await copiedName('owners', 'compound', t.compoundId)).toBe('西关花园');
    }, { timeoutMs: 10_000, intervalMs: 50 });
  });

  it('updates a grid’s name and counts by the rules of creating; scope as creating', async () => {
    const staff = t.callers.communityStaff;
    const id = t.compoundGridId;
    expect(codes(await op(stack, 'UpdateGrid', { id, input: { name: '花园网格' } }, t.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'UpdateGrid', { id, input: { residents: -1 } }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'residents' });
    expect(rejection(await op(stack, 'UpdateGrid', { id, input: { boundary: [at(0, 0), at(0.001, 0)] } }, staff))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'boundary' });
    const r = await ok(stack, 'UpdateGrid', { id, input: { name: '花园网格', households: 200 } }, staff);
    expect(r.updateGrid.grid).toEqual({ id, code: 'XG-C', name: '花园网格', households: 200, residents: 300 });
  });

  it('retires a grid: CONFLICT with active children; then gridAt misses it and tickets refuse it', async () => {
    const staff = t.callers.communityStaff;
    expect(codes(await op(stack, 'RetireGrid', { id: t.areaGridId }, staff))).toEqual(['CONFLICT']);

    const created = await ok(
      stack,
      'CreateGrid',
      { input: { code: 'XG-OLD', name: '旧网格', level: 'COMMUNITY_AREA', communityId: t.communityId, households: 10, residents: 20, boundary: AREA } },
      staff,
    );
    const id = created.createGrid.grid.id as string;
    expect((await ok(stack, 'GridAt', at(0.001, 0.001), staff)).gridAt.id).toBe(id);
    await waitFor(async () => expect(await stack.subgraphs.tickets.orm.em.fork().count(GridNodeEntity, { id })).toBe(1), { timeoutMs: 10_000, intervalMs: 50 });
    expect((await ok(stack, 'SubmitTicket', { input: ticketInput(id) }, t.residents.alice)).submitTicket.ticket.status).toBe('SUBMITTED');

    expect(codes(await op(stack, 'RetireGrid', { id }, t.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    const r = await ok(stack, 'RetireGrid', { id }, staff);
    expect(r.retireGrid.grid).toMatchObject({ id, code: 'XG-OLD' });
    expect(Date.parse(r.retireGrid.grid.retiredAt)).not.toBeNaN();
    expect(codes(await op(stack, 'RetireGrid', { id }, staff))).toEqual(['CONFLICT']);
    expect(codes(await op(stack, 'GridAt', at(0.001, 0.001), staff))).toEqual(['NOT_FOUND']);

    await waitFor(async () => expect((await stack.subgraphs.tickets.orm.em.fork().findOneOrFail(GridNodeEntity, { id })).retiredAt).toBeTruthy(), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    expect(rejection(await op(stack, 'SubmitTicket', { input: ticketInput(id) }, t.residents.alice))).toEqual({ code: 'BAD_USER_INPUT', field: 'gridId' });
  });

  it('updates and retires a service item: refusals, then off the menu and not chosen for new tickets', async () => {
    const staff = t.callers.communityStaff;
    const created = await ok(
      stack,
      'CreateServiceItem',
      { input: { communityId: t.communityId, name: '家电维修', category: 'PROPERTY_MANAGEMENT', free: false, priceCents: 5000, providerId: t.firmId } },
      staff,
    );
    const id = created.createServiceItem.serviceItem.id as string;

    expect(codes(await op(stack, 'UpdateServiceItem', { id, input: { name: '维修' } }, t.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'UpdateServiceItem', { id, input: { free: true, priceCents: 100 } }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'priceCents' });
    expect(rejection(await op(stack, 'UpdateServiceItem', { id, input: { providerId: t.partyBranchId } }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'providerId' });
    const u = await ok(stack, 'UpdateServiceItem', { id, input: { name: '家电上门维修', free: true, providerId: t.otherFirmId } }, staff);
    expect(u.updateServiceItem.serviceItem).toEqual({
      id,
      name: '家电上门维修',
      category: 'PROPERTY_MANAGEMENT',
      free: true,
      priceCents: null,
      provider: { id: t.otherFirmId, name: '宏达物业' },
    });

    expect(codes(await op(stack, 'RetireServiceItem', { id }, t.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    const r = await ok(stack, 'RetireServiceItem', { id }, staff);
    expect(r.retireServiceItem.serviceItem).toMatchObject({ id, name: '家电上门维修' });
    expect(Date.parse(r.retireServiceItem.serviceItem.retiredAt)).not.toBeNaN();
    const menu = await ok(stack, 'ServiceMenu', { communityId: t.communityId }, t.residents.alice);
    expect(menu.serviceMenu.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(rejection(await op(stack, 'SubmitTicket', { input: ticketInput(t.areaGridId, { serviceItemId: id }) }, t.residents.alice))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'serviceItemId',
    });
  });

  it('a deactivated organisation takes no new dispatches, appointments, compounds or grids (BAD_USER_INPUT on the field naming it)', async () => {
    const staff = t.callers.communityStaff;
    const create = async (input: Record<string, unknown>) => (await ok(stack, 'CreateOrganisation', { input }, SYSTEM_ADMIN)).createOrganisation.organisation.id as string;
    const station = await create({ name: '临时警务站', kind: 'POLICE_STATION', parentId: t.streetId });
    const community = await create({ name: '待撤并社区', kind: 'COMMUNITY', parentId: t.streetId });
    const firm = await create({ name: '歇业物业', kind: 'PROPERTY_FIRM', parentId: t.districtId, creditCode: creditCode('DX9') });
    const personId = await registerPerson(stack, t.callers.streetAdmin, '待任命者', '13900001357');
    const ticket = (await ok(stack, 'SubmitTicket', { input: ticketInput(t.compoundGridId) }, t.residents.alice)).submitTicket.ticket.id as string;

    for (const id of [station, community]) await ok(stack, 'DeactivateOrganisation', { id, reason: '撤并' }, t.callers.streetAdmin);
    await ok(stack, 'DeactivateOrganisation', { id: firm, reason: '歇业' }, t.callers.districtAdmin);
    // Tickets and grids learn it from organisations.organisation.deactivated (their org_node copies).
    const deactivatedIn = async (subgraph: 'tickets' | 'grids', id: string) =>
      !!(await stack.subgraphs[subgraph].orm.em.fork().getConnection().execute(`select deactivated_at from org_node where id = ?`, [id]))[0]?.deactivated_at;
    await waitFor(async () => (await deactivatedIn('tickets', station)) && (await deactivatedIn('grids', community)) && (await deactivatedIn('grids', firm)), { timeoutMs: 15_000, intervalMs: 50 });

    expect(rejection(await op(stack, 'DispatchTicket', { id: ticket, assigneeId: station }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'assigneeId' });
    expect((await ok(stack, 'Ticket', { id: ticket }, staff)).ticket.status).toBe('SUBMITTED');
    expect(rejection(await op(stack, 'Appoint', { input: { organisationId: station, personId, role: 'DIRECTOR', since: '2026-01-01' } }, t.callers.streetAdmin))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    expect(rejection(await op(stack, 'CreateCompound', { input: { name: '新小区', communityId: community, managementMode: 'NONE', households: 10 } }, t.callers.streetAdmin))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'communityId',
    });
    expect(rejection(await op(stack, 'CreateCompound', { input: { name: '新小区', communityId: t.communityId, managementMode: 'COMMERCIAL', propertyFirmId: firm, households: 10 } }, staff))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'propertyFirmId',
    });
    expect(
      rejection(await op(stack, 'CreateGrid', { input: { code: 'DX-1', name: '新网格', level: 'COMMUNITY_AREA', communityId: community, households: 10, residents: 20, boundary: AREA } }, t.callers.streetAdmin)),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'communityId' });
    // Active organisations still take work: the refusal is about the deactivated one only.
    expect((await ok(stack, 'DispatchTicket', { id: ticket, assigneeId: t.policeId }, staff)).dispatchTicket.ticket.status).toBe('DISPATCHED');
  });

  it('a whole contactPhone shown to anyone but its reporter is one PERSONAL_DATA_READ entry per request (tickets’ audit, like people’s phones)', async () => {
    const ticket = (await ok(stack, 'SubmitTicket', { input: ticketInput(t.compoundGridId, { contactPhone: '13912342468' }) }, t.residents.alice)).submitTicket.ticket.id as string;
    await ok(stack, 'DispatchTicket', { id: ticket, assigneeId: t.firmId }, t.callers.communityStaff);
    const READ = 'query($id: ID!) { ticket(id: $id) { contactPhone } }';
    /** The tickets service's PERSONAL_DATA_READ entries by one caller, as the district admin reads the log. */
    const readsBy = async (sub: string) => {
      const r = await op(stack, 'AuditLog', { scopeId: t.districtId, from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', first: 100 }, t.callers.districtAdmin);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data.auditLog.edges.map((e: { node: any }) => e.node).filter((n: { action: string; service: string; actorId: string }) => n.action === 'PERSONAL_DATA_READ' && n.service === 'tickets' && n.actorId === sub);
    };

    // Masked for an analyst, the reporter's own: no entry.
    expect((await stack.gql(READ, { id: ticket }, t.callers.analyst)).data.ticket.contactPhone).toBe('139****2468');
    expect((await stack.gql(READ, { id: ticket }, t.residents.alice)).data.ticket.contactPhone).toBe('13912342468');
    // The assignee's staff while DISPATCHED (the firm app's queue): whole, and recorded once for the request.
    const queue = await ok(stack, 'FirmQueue', { firmId: t.firmId, status: ['DISPATCHED'] }, t.callers.firmStaff);
    const mine = queue.organisation.assignedTickets.edges.find((e: { node: { id: string } }) => e.node.id === ticket);
    expect(mine.node.contactPhone).toBe('13912342468');
    let entries: { summary: string; roles: string[] }[] = [];
    await waitFor(async () => (entries = await readsBy(t.callers.firmStaff.sub)).length >= 1, { timeoutMs: 30_000, intervalMs: 200 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ roles: ['HANDLER_STAFF'], summary: expect.stringMatching(/whole phone numbers of \d+ (person|people) shown/) });
    expect(entries[0].summary).not.toMatch(/1[3-9]\d{9}/);
    // The entries of one service arrive in order: the earlier masked and own reads left none.
    expect(await readsBy(t.callers.analyst.sub)).toEqual([]);
    expect(await readsBy(t.residents.alice.sub)).toEqual([]);
  });
});
