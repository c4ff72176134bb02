import { MODES, startTestStack, type TestStack } from './harness';
import { auditEntries } from './registry.fixtures';
import { buildTerritory, ok, op, rejection, storedTicket, submit, ticketEvents, ticketInput, type Territory } from './tickets.fixtures';

jest.setTimeout(180_000);

/** Issue 13, reclassifyTicket through the real gateway in both modes: who, when, its timeline entry and event. */
describe.each(MODES)('reclassifyTicket (%s)', (mode) => {
  let stack: TestStack;
  let t: Territory;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'reclassify');
    t = await buildTerritory(stack);
  });
  afterAll(() => stack?.stop());

  it('changes the category of a SUBMITTED ticket and appends RECLASSIFY with the note', async () => {
    const ticket = await submit(stack, t.residents.alice, ticketInput(t.compoundGridId));
    const r = await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'DISPUTE', note: '邻里纠纷，转调解' }, t.callers.gridWorker);
    expect(r.errors).toBeUndefined();
    expect(r.data.reclassifyTicket.ticket.category).toBe('DISPUTE');
    expect(r.data.reclassifyTicket.ticket.timeline.map((e: { action: string; note: string | null }) => [e.action, e.note])).toEqual([
      ['SUBMIT', null],
      ['RECLASSIFY', '邻里纠纷，转调解'],
    ]);
    const events = await ticketEvents(stack, 'tickets.ticket.reclassified');
    expect(events.map((e) => (e.payload as { ticket: { category: string } }).ticket?.category ?? (e.payload as { category?: string }).category)).toEqual(['DISPUTE']);
    const audit = await auditEntries(stack, t.callers.streetAdmin, t.streetId, 'reclassifyTicket', 1);
    expect(audit[0]).toMatchObject({ service: 'tickets', subjectType: 'Ticket', subjectId: ticket.id });
  });

  it('refuses the same category, an empty note, outsiders, and tickets past DISPATCHED; nothing changes', async () => {
    const ticket = await submit(stack, t.residents.alice, ticketInput(t.compoundGridId));
    const before = await storedTicket(stack, ticket.id);
    expect(rejection(await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'PROPERTY_MANAGEMENT', note: '同类' }, t.callers.communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'category' });
    expect(rejection(await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'DISPUTE', note: ' ' }, t.callers.communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(rejection(await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'DISPUTE', note: '越权' }, t.callers.neighbourStaff))).toEqual({ code: 'FORBIDDEN' });
    expect(rejection(await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'DISPUTE', note: '居民' }, t.residents.alice))).toEqual({ code: 'FORBIDDEN' });
    expect(await storedTicket(stack, ticket.id)).toEqual(before);

    await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: t.firmId }, t.callers.communityStaff);
    const dispatched = await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'ASSISTANCE', note: '求助' }, t.callers.communityStaff);
    expect(dispatched.data.reclassifyTicket.ticket.category).toBe('ASSISTANCE');
    await ok(stack, 'AcceptTicket', { id: ticket.id }, t.callers.firmStaff);
    const late = await op(stack, 'ReclassifyTicket', { id: ticket.id, category: 'DISPUTE', note: '晚了' }, t.callers.communityStaff);
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'ACCEPTED', action: 'RECLASSIFY' });
  });
});
