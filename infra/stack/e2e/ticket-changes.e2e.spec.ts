import { MODES, startTestStack, type Caller, type TestStack } from './harness';
import { buildTerritory, ok, op, rejection, submit, TestClock, ticketInput, type Territory } from './tickets.fixtures';

const SETTLE_MS = 10_000;

/**
 * `ticketChanges` (contract "Incremental analytics") through the gateway:
 * oldest change first, a ticket changed again comes again, a stored
 * endCursor resumes without missing a change, a change inside the settle
 * window waits for it, scoped like `tickets`, analysts and admins only.
 */
describe.each(MODES)('ticketChanges (%s)', (mode) => {
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  let stack: TestStack;
  let w: Territory;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'changes', { now: clock.now });
    w = await buildTerritory(stack);
  }, 60_000);
  afterAll(() => stack?.stop());

  const settle = () => clock.set(new Date(clock.now().getTime() + SETTLE_MS + 1).toISOString());

  /** Every page from `after` on, as (id, status, updatedAt); the last endCursor. */
  async function pull(as: Caller, scopeId: string, after: string | null, first = 2) {
    const seen: { id: string; status: string; updatedAt: string }[] = [];
    let cursor = after;
    for (;;) {
      const page = (await ok(stack, 'TicketChanges', { scopeId, after: cursor, first }, as)).ticketChanges;
      seen.push(...page.edges.map((e: any) => ({ id: e.node.id, status: e.node.status, updatedAt: e.node.updatedAt })));
      cursor = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) return { seen, cursor };
    }
  }

  it('hands out every change oldest first, again after each change, resuming from a stored cursor', async () => {
    const alice = w.residents.alice;
    const a = await submit(stack, alice, ticketInput(w.areaGridId));
    clock.advance(1);
    const b = await submit(stack, alice, ticketInput(w.compoundGridId));
    clock.advance(1);
    const far = await submit(stack, w.residents.bob, ticketInput(w.farGridId));
    clock.advance(1);
    const c = await submit(stack, alice, ticketInput(w.areaGridId));
    settle();

    const first = await pull(w.callers.analyst, w.districtId, null);
    expect(first.seen.map((t) => t.id)).toEqual([a.id, b.id, far.id, c.id]);
    const updated = first.seen.map((t) => Date.parse(t.updatedAt));
    expect([...updated].sort((x, y) => x - y)).toEqual(updated);
    // A scope narrower than the caller's: only its tickets.
    expect((await pull(w.callers.analyst, w.communityId, null)).seen.map((t) => t.id)).toEqual([a.id, b.id, c.id]);

    // Nothing new: an empty page that keeps the position.
    const idle = (await ok(stack, 'TicketChanges', { scopeId: w.districtId, after: first.cursor }, w.callers.analyst)).ticketChanges;
    expect(idle.edges).toEqual([]);
    expect(idle.pageInfo).toEqual({ hasNextPage: false, endCursor: first.cursor });

    // A change to an old ticket: it comes again, after the position the job stored.
    await ok(stack, 'DispatchTicket', { id: a.id, assigneeId: w.firmId }, w.callers.communityStaff);
    // Inside the settle window it waits (a transaction with an earlier updatedAt could still commit).
    expect((await pull(w.callers.analyst, w.districtId, first.cursor)).seen).toEqual([]);
    settle();
    const next = await pull(w.callers.analyst, w.districtId, first.cursor);
    expect(next.seen.map((t) => [t.id, t.status])).toEqual([[a.id, 'DISPATCHED']]);
    // The street admin pulls its street (the far community lies in the other street).
    expect((await pull(w.callers.streetAdmin, w.streetId, null, 1000)).seen.map((t) => t.id)).toEqual([b.id, c.id, a.id]);
  });

  it('is for analysts and admins, inside their scope, 1 to 1,000 a page', async () => {
    const r = (name: string, vars: Record<string, unknown>, as: Caller) => op(stack, name, vars, as).then(rejection);
    expect(await r('TicketChanges', { scopeId: w.districtId }, w.otherStreetAdmin)).toEqual({ code: 'FORBIDDEN' });
    expect(await r('TicketChanges', { scopeId: w.communityId }, w.callers.communityStaff)).toEqual({ code: 'FORBIDDEN' });
    expect(await r('TicketChanges', { scopeId: w.communityId }, w.callers.firmStaff)).toEqual({ code: 'FORBIDDEN' });
    expect(await r('TicketChanges', { scopeId: w.districtId, first: 1001 }, w.callers.analyst)).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await r('TicketChanges', { scopeId: w.districtId, first: 0 }, w.callers.analyst)).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await r('TicketChanges', { scopeId: w.districtId, after: 'nope' }, w.callers.analyst)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    const full = await op(stack, 'TicketChanges', { scopeId: w.districtId, first: 1000 }, w.callers.analyst);
    expect(full.errors).toBeUndefined();
  });
});
