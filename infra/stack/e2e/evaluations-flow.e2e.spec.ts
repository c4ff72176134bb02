import { waitFor } from '@linli/testing';
import { MODES, startTestStack, type Caller, type TestStack } from './harness';
import { buildTerritory, ok, submit, TestClock, ticketInput, type Territory } from './tickets.fixtures';

/**
 * The closed loop with the real tickets subgraph, through the gateway, in both
 * run modes: what residents, staff and firms do to tickets reaches the firms'
 * assessments by itself. The clock starts on 2026-11-22 09:00 China time.
 *
 * | ticket | story (hours from its submission)                                  | F (安居物业)          | G (宏达物业)     |
 * |--------|--------------------------------------------------------------------|-----------------------|------------------|
 * | K1     | → F +1, accept +2, resolve +3, rated 1 +4                          | in time; bad rating   |                  |
 * | K2     | → F +1, accept +2, resolve +3, reopened +4 (due +76), resolve +84, rated 5 | accepted in time, last resolve late | |
 * | K3     | → F +1, re-dispatched → G +2, G accepts +3, resolves +4, rated 4   | dispatched, never accepted | all in time |
 *
 * F, 2026-11: N = 3; response 2/3; resolution 1/3 (K1); ratings of tickets F resolved: 1 and 5 → 0.5;
 *   base = 40·0.5 + 20·2/3 + 20·1/3 + 20 = 60; one bad rating −2 → 58.0 POOR.
 * G, 2026-11: N = 1, everything in time, rating 4 → 100.0 EXCELLENT.
 */
describe.each(MODES)('the accountability loop with real tickets (%s)', (mode) => {
  let stack: TestStack;
  let w: Territory;
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  const tick = (hours = 1) => clock.advance(hours);

  beforeAll(async () => {
    stack = await startTestStack(mode, 'evalflow', { now: clock.now });
    w = await buildTerritory(stack);
  }, 60_000);
  afterAll(() => stack?.stop());

  const assessment = (firmId: string, as: Caller) => ok(stack, 'FirmAssessment', { firmId, period: '2026-11' }, as).then((d) => d.organisation);

  it('a bad rating shows in the firm\'s assessment within 2 seconds of rateTicket returning, with its ticket', async () => {
    const alice = w.residents.alice;
    const t = await submit(stack, alice, ticketInput(w.compoundGridId, { title: '电梯停运' }));
    tick();
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, w.callers.communityStaff);
    tick();
    await ok(stack, 'AcceptTicket', { id: t.id }, w.callers.firmStaff);
    tick();
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已修复' }, w.callers.firmStaff);
    tick();
    await ok(stack, 'RateTicket', { id: t.id, score: 1, comment: '没修好' }, alice);
    const returned = Date.now();

    const org = await waitFor(async () => {
      const o = await assessment(w.firmId, w.callers.firmStaff);
      expect(o.assessment.deductions).toHaveLength(1);
      return o;
    }, { timeoutMs: 30_000, intervalMs: 50 });
    // The contract's 2 seconds is a latency target, measured by the bench (rating → assessment p50/p99 under steady
    // load); a test on a shared CI machine asserts that the deduction arrives, and reports how long it took.
    console.log(`${mode}: rating → assessment in ${Date.now() - returned} ms`);
    expect(org.assessment).toMatchObject({ ticketCount: 1, responseRate: 1, resolutionRate: 1, satisfactionRate: 0, score: 58, grade: 'POOR' });
    expect(org.assessment.deductions).toEqual([{ points: 2, reason: 'BAD_RATING', at: clock.now().toISOString(), ticket: { id: t.id, code: t.code, title: '电梯停运' } }]);
    // Assessments are public; the deduction's ticket follows the ticket rules.
    const stranger = await assessment(w.firmId, w.residents.carol);
    expect(stranger.assessment.score).toBe(58);
    expect(stranger.assessment.deductions).toEqual([{ points: 2, reason: 'BAD_RATING', at: clock.now().toISOString(), ticket: null }]);
    expect((await assessment(w.firmId, alice)).assessment.deductions[0].ticket).toEqual({ id: t.id, code: t.code, title: '电梯停运' });
  });

  it('judges a reopened ticket on its last resolve, and a re-dispatched one for every firm it was dispatched to', async () => {
    const { alice, bob } = w.residents;
    const staff = w.callers.communityStaff;
    const k2 = await submit(stack, alice, ticketInput(w.compoundGridId, { title: '水管漏水' }));
    tick();
    await ok(stack, 'DispatchTicket', { id: k2.id, assigneeId: w.firmId }, staff);
    tick();
    await ok(stack, 'AcceptTicket', { id: k2.id }, w.callers.firmStaff);
    tick();
    await ok(stack, 'ResolveTicket', { id: k2.id, feedback: '已更换阀门' }, w.callers.firmStaff);
    tick();
    const reopened = await ok(stack, 'ReopenTicket', { id: k2.id, reason: '还在漏' }, alice);
    expect(reopened.reopenTicket.ticket.resolutionDueAt).toBe(new Date(clock.now().getTime() + 72 * 3_600_000).toISOString());
    tick(80);
    await ok(stack, 'ResolveTicket', { id: k2.id, feedback: '更换整段水管' }, w.callers.firmStaff);
    tick();
    await ok(stack, 'RateTicket', { id: k2.id, score: 5 }, alice);

    const k3 = await submit(stack, bob, ticketInput(w.compoundGridId, { title: '门禁损坏' }));
    tick();
    await ok(stack, 'DispatchTicket', { id: k3.id, assigneeId: w.firmId }, staff);
    tick();
    await ok(stack, 'DispatchTicket', { id: k3.id, assigneeId: w.otherFirmId, note: '改派' }, staff);
    tick();
    await ok(stack, 'AcceptTicket', { id: k3.id }, w.callers.otherFirmStaff);
    tick();
    await ok(stack, 'ResolveTicket', { id: k3.id, feedback: '已修好' }, w.callers.otherFirmStaff);
    tick();
    await ok(stack, 'RateTicket', { id: k3.id, score: 4 }, bob);

    const f = await waitFor(async () => {
      const o = await assessment(w.firmId, w.callers.analyst);
      expect(o.assessment.ticketCount).toBe(3);
      expect(o.assessment.satisfactionRate).toBe(0.5);
      return o;
    }, { timeoutMs: 5_000 });
    expect(f.assessment).toMatchObject({ responseRate: 2 / 3, resolutionRate: 1 / 3, score: 58, grade: 'POOR' });
    const g = await waitFor(async () => {
      const o = await assessment(w.otherFirmId, w.callers.analyst);
      expect(o.assessment.satisfactionRate).toBe(1);
      expect(o.assessment.ticketCount).toBe(1);
      return o;
    }, { timeoutMs: 5_000 });
    expect(g.assessment).toMatchObject({ responseRate: 1, resolutionRate: 1, score: 100, grade: 'EXCELLENT', deductions: [] });

    const rates = (await ok(stack, 'ServiceRates', { scopeId: w.communityId, period: '2026-11' }, w.residents.carol)).serviceRates;
    expect(rates).toMatchObject({ ticketCount: 3, responseRate: 1, resolutionRate: 1, satisfactionRate: 2 / 3 });
  });

  it('serves each assignee\'s assessment on an analytics page (TicketExport)', async () => {
    const data = await ok(stack, 'TicketExport', { filter: { scopeId: w.communityId }, period: '2026-11', first: 50 }, w.callers.analyst);
    const assignees = data.tickets.edges.map((e: any) => [e.node.assignee.id, e.node.assignee.assessment]);
    expect(assignees).toHaveLength(3);
    expect(new Map(assignees)).toEqual(
      new Map([
        [w.firmId, { score: 58, grade: 'POOR' }],
        [w.otherFirmId, { score: 100, grade: 'EXCELLENT' }],
      ]),
    );
  });
});
