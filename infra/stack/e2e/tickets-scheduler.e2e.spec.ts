import { OutboxEvent } from '@linli/events';
import { createLogger, DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { startSubgraph, type RunningSubgraph } from '@linli/subgraph-kit';
import { waitFor } from '@linli/testing';
import { rebuildCounts, runSchedulerPass, TicketEntity, ticketsSubgraph, TimelineEntryEntity } from '@linli/tickets';
import { MODES, startTestStack, type TestStack } from './harness';
import { buildTerritory, ok, op, rejection, submit, TestClock, ticketEvents, ticketInput, type Territory } from './tickets.fixtures';

const HOUR = 3_600_000;
const DAY = 24;

/**
 * The tickets scheduler on a test clock: auto-close 7 days after resolving
 * without a rating, TicketOverdue once per due time, and (distributed mode)
 * two replicas with their own ORMs on one PostgreSQL database acting on each
 * due row exactly once, also while residents rate at the same moment.
 */
describe.each(MODES)('ticket scheduler (%s)', (mode) => {
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  let stack: TestStack;
  let w: Territory;
  let tickets: RunningSubgraph;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'ticketjobs', { now: clock.now });
    w = await buildTerritory(stack);
    tickets = stack.subgraphs.tickets;
  }, 180_000);
  afterAll(() => stack?.stop());

  const eventsOf = async (type: string, ticketId: string) =>
    (await ticketEvents(stack, type)).filter((e) => (e.payload as any).ticket.ticketId === ticketId).map((e) => e.payload as any);

  it('auto-closes a ticket resolved 7 days ago without a rating (AUTO_CLOSE, TicketClosed, closedAt)', async () => {
    const t = await submit(stack, w.residents.alice, ticketInput(w.areaGridId));
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, w.callers.communityStaff);
    await ok(stack, 'AcceptTicket', { id: t.id }, w.callers.firmStaff);
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已修复' }, w.callers.firmStaff);

    clock.advance(7 * DAY - 1);
    await runSchedulerPass(tickets);
    expect((await ok(stack, 'Ticket', { id: t.id }, w.callers.communityStaff)).ticket.status).toBe('RESOLVED');

    const closedAt = clock.advance(2);
    // The background job picks it up on its next pass.
    const ticket = await waitFor(async () => {
      const r = (await ok(stack, 'Ticket', { id: t.id }, w.callers.communityStaff)).ticket;
      expect(r.status).toBe('CLOSED');
      return r;
    }, { timeoutMs: 10_000, intervalMs: 100 });
    expect(ticket.rating).toBeNull();
    expect(ticket.timeline.at(-1)).toEqual({ at: closedAt.toISOString(), action: 'AUTO_CLOSE', fromStatus: 'RESOLVED', toStatus: 'CLOSED', note: null, actor: null });
    const exported = await ok(stack, 'TicketExport', { filter: { scopeId: w.communityId, status: 'CLOSED' }, period: '2026-11' }, w.callers.analyst);
    expect(exported.tickets.edges.find((e: any) => e.node.id === t.id).node.closedAt).toBe(closedAt.toISOString());

    await runSchedulerPass(tickets);
    const closed = await eventsOf('tickets.ticket.closed', t.id);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({
      ticket: { status: 'CLOSED', closedAt: closedAt.toISOString(), rating: null, resolvedById: w.firmId },
      transition: { action: 'AUTO_CLOSE', fromStatus: 'RESOLVED', toStatus: 'CLOSED', actorId: null },
    });
    // Closed is closed: the rating window is over.
    expect(rejection(await op(stack, 'RateTicket', { id: t.id, score: 5 }, w.residents.alice))).toEqual({ code: 'INVALID_TRANSITION', status: 'CLOSED', action: 'RATE' });
  });

  it('announces each passed due time once (TicketOverdue), and a new due time again', async () => {
    const t = await submit(stack, w.residents.alice, ticketInput(w.compoundGridId));
    const dispatchedAt = clock.now();
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, w.callers.gridWorker);
    const overdue = async (due: string) => (await eventsOf('tickets.ticket.overdue', t.id)).filter((p) => p.due === due);

    await runSchedulerPass(tickets);
    expect(await overdue('RESPONSE')).toHaveLength(0);

    clock.advance(25);
    await waitFor(async () => expect(await overdue('RESPONSE')).toHaveLength(1), { timeoutMs: 10_000, intervalMs: 100 });
    await runSchedulerPass(tickets);
    await runSchedulerPass(tickets);
    const [response] = await overdue('RESPONSE');
    expect(response).toMatchObject({ due: 'RESPONSE', dueAt: new Date(dispatchedAt.getTime() + 24 * HOUR).toISOString(), ticket: { status: 'DISPATCHED', assigneeId: w.firmId } });
    expect(await overdue('RESPONSE')).toHaveLength(1);

    clock.advance(48); // past the 72 h resolution due time too
    await waitFor(async () => expect(await overdue('RESOLUTION')).toHaveLength(1), { timeoutMs: 10_000, intervalMs: 100 });
    await runSchedulerPass(tickets);
    expect(await overdue('RESPONSE')).toHaveLength(1);

    // Re-dispatching sets new due times: each is announced once more when it passes.
    const redispatchedAt = clock.now();
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.otherFirmId }, w.callers.gridWorker);
    clock.advance(25);
    await waitFor(async () => expect(await overdue('RESPONSE')).toHaveLength(2), { timeoutMs: 10_000, intervalMs: 100 });
    expect((await overdue('RESPONSE'))[1]).toMatchObject({ dueAt: new Date(redispatchedAt.getTime() + 24 * HOUR).toISOString(), ticket: { assigneeId: w.otherFirmId } });
    await ok(stack, 'AcceptTicket', { id: t.id }, w.callers.otherFirmStaff);
    await runSchedulerPass(tickets);
    expect(await overdue('RESPONSE')).toHaveLength(2);
    expect(await overdue('RESOLUTION')).toHaveLength(1);
  });

  it(`acts on each due ticket exactly once${mode === 'distributed' ? ' with two replicas on one database' : ''}, also while residents rate`, async () => {
    const now = clock.now().getTime();
    const stale = new Date(now - 8 * DAY * HOUR);
    const row = (i: number, kind: 'resolved' | 'rateable' | 'late') =>
      ({
        id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        code: `TK-20261001-${String(i + 1).padStart(6, '0')}`,
        title: `到期工单 ${i}`,
        description: '由测试批量写入',
        category: 'PROPERTY_MANAGEMENT',
        channel: 'APP',
        priority: 'NORMAL',
        status: kind === 'late' ? 'DISPATCHED' : 'RESOLVED',
        escalationLevel: 'COMMUNITY',
        gridId: w.areaGridId,
        compoundId: null,
        communityId: w.communityId,
        scopePath: `/${w.districtId}/${w.streetId}/${w.communityId}/`,
        reporterId: w.residents.alice.personId,
        submittedById: 'seed',
        serviceItemId: null,
        contactPhone: null,
        lat: null,
        lng: null,
        assigneeId: w.firmId,
        responseDueAt: kind === 'late' ? new Date(now - 56 * HOUR) : null,
        resolutionDueAt: kind === 'late' ? new Date(now - 8 * HOUR) : null,
        responseOverdueAnnouncedAt: null,
        resolutionOverdueAnnouncedAt: null,
        lastDispatchedAt: kind === 'late' ? new Date(now - 80 * HOUR) : stale,
        acceptedAt: kind === 'late' ? null : stale,
        resolvedAt: kind === 'late' ? null : stale,
        resolvedById: kind === 'late' ? null : w.firmId,
        closedAt: null,
        cancelledAt: null,
        reopenCount: 0,
        ratingScore: null,
        ratingComment: null,
        ratedAt: null,
        version: 4,
        createdAt: stale,
        updatedAt: stale,
      }) as TicketEntity;
    const resolved = Array.from({ length: 300 }, (_, i) => row(i, 'resolved'));
    const rateable = Array.from({ length: 40 }, (_, i) => row(1000 + i, 'rateable'));
    const late = Array.from({ length: 200 }, (_, i) => row(2000 + i, 'late'));

    // A second replica: its own ORM (and pool), relay, consumer and scheduler on the same database.
    let replica: RunningSubgraph | null = null;
    if (mode === 'distributed') {
      replica = await startSubgraph(ticketsSubgraph, {
        port: 0,
        host: '127.0.0.1',
        database: { driver: 'postgresql', url: tickets.orm.config.get('clientUrl')! },
        transport: stack.transport,
        subjectPrefix: stack.subjectPrefix,
        auth: { secret: DEVELOPMENT_JWT_SECRET },
        logger: createLogger('replica', 'warn'),
        now: clock.now,
      });
      expect(replica.orm).not.toBe(tickets.orm);
    }
    try {
      // Seed in one statement per kind, then race: both replicas' background jobs, extra passes with
      // small batches on each replica, and the resident rating some of the same tickets.
      const em = tickets.orm.em.fork();
      await em.insertMany(TicketEntity, [...resolved, ...rateable, ...late]);
      await rebuildCounts(em);
      const runtimes = [tickets, ...(replica ? [replica] : [])];
      const passes = runtimes.flatMap((r) => Array.from({ length: 3 }, () => runSchedulerPass(r, 7)));
      const ratings = rateable.map((t) => op(stack, 'RateTicket', { id: t.id, score: 5 }, w.residents.alice));
      const [passResults, ratingResults] = await Promise.all([Promise.all(passes), Promise.all(ratings)]);

      const all = [...resolved, ...rateable, ...late].map((t) => t.id);
      await waitFor(
        async () => {
          const left = await tickets.orm.em.fork().count(TicketEntity, {
            id: { $in: all },
            $or: [{ status: 'RESOLVED' }, { resolutionOverdueAnnouncedAt: null, status: 'DISPATCHED' }, { responseOverdueAnnouncedAt: null, status: 'DISPATCHED' }],
          });
          expect(left).toBe(0);
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      if (replica) await runSchedulerPass(replica);

      const check = tickets.orm.em.fork();
      const entries = await check.find(TimelineEntryEntity, { ticketId: { $in: all }, action: { $in: ['AUTO_CLOSE', 'RATE'] } });
      const perTicket = new Map<string, string[]>();
      for (const e of entries) perTicket.set(e.ticketId, [...(perTicket.get(e.ticketId) ?? []), e.action]);
      // Every resolved ticket closed exactly once: by the scheduler or by its rating, never both.
      for (const t of [...resolved, ...rateable]) expect({ id: t.id, closes: perTicket.get(t.id)?.length }).toEqual({ id: t.id, closes: 1 });
      for (const t of resolved) expect(perTicket.get(t.id)).toEqual(['AUTO_CLOSE']);
      const rated = rateable.filter((t) => perTicket.get(t.id)?.[0] === 'RATE').map((t) => t.id);
      ratingResults.forEach((r, i) => {
        // A rating either won (and closed the ticket) or met the closed ticket: INVALID_TRANSITION, nothing else.
        if (r.errors) expect(rejection(r)).toEqual({ code: 'INVALID_TRANSITION', status: 'CLOSED', action: 'RATE' });
        else expect(rated).toContain(rateable[i].id);
      });
      expect(rated.length).toBe(ratingResults.filter((r) => !r.errors).length);

      const events = await check.find(OutboxEvent, { type: { $in: ['tickets.ticket.closed', 'tickets.ticket.rated', 'tickets.ticket.overdue'] } });
      const count = (type: string, id: string, due?: string) =>
        events.filter((e) => e.type === type && (e.payload as any).ticket.ticketId === id && (!due || (e.payload as any).due === due)).length;
      for (const t of resolved) expect(count('tickets.ticket.closed', t.id)).toBe(1);
      for (const t of rateable) expect(count('tickets.ticket.closed', t.id) + count('tickets.ticket.rated', t.id)).toBe(1);
      for (const t of late) {
        expect({ id: t.id, response: count('tickets.ticket.overdue', t.id, 'RESPONSE'), resolution: count('tickets.ticket.overdue', t.id, 'RESOLUTION') }).toEqual({
          id: t.id,
          response: 1,
          resolution: 1,
        });
      }
      // The counters the writes maintained (concurrently, on both replicas) are what a rebuild from the rows makes.
      const counters = async () => {
        const conn = tickets.orm.em.fork().getConnection();
        return {
          scopes: await conn.execute('select scope_id, month, status, category, escalation_level, n from ticket_count where n <> 0 order by 1, 2, 3, 4, 5'),
          queues: await conn.execute('select assignee_id, status, n from ticket_assignee_count where n <> 0 order by 1, 2'),
        };
      };
      const maintained = await counters();
      expect(maintained.queues.length).toBeGreaterThan(0);
      await rebuildCounts(tickets.orm.em.fork());
      expect(await counters()).toEqual(maintained);

      const byReplica = runtimes.map((_, r) => passResults.slice(r * 3, r * 3 + 3).reduce((n, p) => n + p.closed + p.overdue, 0));
      console.log(`${mode}: rows acted on by the explicit passes per replica: ${JSON.stringify(byReplica)}; ratings that won: ${rated.length}/${rateable.length}`);
    } finally {
      await replica?.close();
    }
  }, 240_000);
});
