import { OrgNodeSchema } from '@linli/subgraph-kit';
import { mintToken, waitFor } from '@linli/testing';
import { contractOperation } from './contract';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { openStream, rawStream, startReceiver, validSignature } from './notifications.fixtures';
import { buildTerritory, ok, op, rejection, submit, ticketInput, type Territory } from './tickets.fixtures';

// Fast retries and a short POST deadline for the tests; read when the notifications subgraph starts.
process.env.WEBHOOK_RETRY_BASE_MS = '300';
process.env.WEBHOOK_POLL_MS = '100';
process.env.WEBHOOK_TIMEOUT_MS = '1000';
// The receivers here listen on 127.0.0.1: both modes allow private targets, except where a test refuses them.
process.env.WEBHOOK_ALLOW_PRIVATE = 'true';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
/** Small stream limits and a quick heartbeat, so the test reaches them. */
const LIVE = { maxStreams: 30, maxStreamsPerPerson: 3, heartbeatMs: 300 };

/** `myNotifications` without the proposal fields (MyNotifications itself waits for the owners subgraph's Proposal). */
const INBOX = `query Inbox($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    unreadCount totalCount
    edges { cursor node { id kind title body createdAt readAt ticket { id code status } organisation { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * The notifications contract through the real gateway in both run modes:
 * inboxes made from the ticket events, read state, live updates over SSE
 * (graphql-sse's own client), and webhooks that carry each notification once
 * with a valid signature, through failures and a restart.
 */
describe.each(MODES)('notifications, live updates and webhooks (%s)', (mode) => {
  let stack: TestStack;
  let w: Territory;
  let staff: Caller, firmStaff: Caller, alice: Caller, bob: Caller;
  const inbox = async (as: Caller, vars: Record<string, unknown> = {}) => {
    const r = await stack.gql(INBOX, vars, as);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.myNotifications;
  };

  /** A counter or gauge of the gateway's /metrics (the tests assert counts, never times). */
  const metric = async (name: string) => {
    const text = await (await fetch(new URL('/metrics', stack.url))).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 'NaN');
  };

  beforeAll(async () => {
    stack = await startTestStack(mode, 'notify', { live: LIVE });
    w = await buildTerritory(stack);
    ({ communityStaff: staff, firmStaff } = w.callers);
    ({ alice, bob } = w.residents);
    // Webhooks are scoped by the notifications subgraph's own copy of the organisation tree.
    await waitFor(async () => expect(await stack.subgraphs.notifications.orm.em.fork().count(OrgNodeSchema, { id: w.firmId })).toBe(1), { timeoutMs: 10_000 });
  }, 90_000);
  afterAll(() => stack?.stop());

  it('pushes ticket changes and notifications to open streams, and keeps the inboxes and their read state', async () => {
    const receiver = await startReceiver();
    try {
      const hook = await ok(stack, 'RegisterWebhook', { input: { organisationId: w.firmId, url: receiver.url, secret: SECRET, kinds: ['TICKET_DISPATCHED'] } }, firmStaff);
      expect(hook.registerWebhook.webhook).toEqual({
        id: expect.any(String),
        url: receiver.url,
        kinds: ['TICKET_DISPATCHED'],
        active: true,
        createdAt: expect.any(String),
        organisation: { id: w.firmId, name: '安居物业' },
      });

      const ticket = await submit(stack, alice, ticketInput(w.areaGridId));
      const feed = await openStream(stack.url, firmStaff, contractOperation('NotificationFeed'));
      const updates = await openStream(stack.url, alice, contractOperation('TicketUpdates'), { id: ticket.id });
      await Promise.all([feed.open, updates.open]);

      // A change in another request reaches both streams, resolved through every subgraph it selects.
      await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: w.firmId }, staff);
      await waitFor(() => expect(updates.results.length).toBeGreaterThanOrEqual(1), { timeoutMs: 5_000 });
      const update = updates.results[updates.results.length - 1];
      expect(update.errors).toBeUndefined();
      expect(update.data.ticketUpdated).toMatchObject({ id: ticket.id, status: 'DISPATCHED', assignee: { id: w.firmId, name: '安居物业' } });
      expect(update.data.ticketUpdated.timeline.map((e: { action: string }) => e.action)).toEqual(['SUBMIT', 'DISPATCH']);

      await waitFor(() => expect(feed.results.length).toBe(1), { timeoutMs: 5_000 });
      expect(feed.results[0].data.notificationAdded).toEqual({
        id: expect.any(String),
        kind: 'TICKET_DISPATCHED',
        title: expect.stringContaining(ticket.code),
        createdAt: expect.any(String),
        ticket: { id: ticket.id, code: ticket.code, status: 'DISPATCHED' },
      });

      // The firm's inbox: one notification, unread, no phone number in its text.
      const firmInbox = await inbox(firmStaff);
      expect(firmInbox).toMatchObject({ unreadCount: 1, totalCount: 1 });
      const note = firmInbox.edges[0].node;
      expect(note).toMatchObject({ kind: 'TICKET_DISPATCHED', readAt: null, organisation: { id: w.firmId } });
      expect(`${note.title}${note.body}`).not.toMatch(/1[3-9]\d{9}/);

      // Read state is per person: another staff member of the firm still sees it unread.
      const otherFirmStaff: Caller = { sub: 'firm-staff-2', roles: ['HANDLER_STAFF'], orgs: [w.firmId] };
      const marked = await ok(stack, 'MarkNotificationsRead', { ids: [note.id] }, firmStaff);
      expect(marked.markNotificationsRead.unreadCount).toBe(0);
      expect((await inbox(firmStaff)).edges[0].node.readAt).toEqual(expect.any(String));
      expect(await inbox(otherFirmStaff)).toMatchObject({ unreadCount: 1, totalCount: 1 });
      expect((await inbox(otherFirmStaff, { unreadOnly: true })).edges).toHaveLength(1);
      // Marking someone else's notification touches nothing.
      expect((await ok(stack, 'MarkNotificationsRead', { ids: [note.id] }, alice)).markNotificationsRead.unreadCount).toBe(0);
      expect((await inbox(otherFirmStaff)).unreadCount).toBe(1);

      // The reporter hears of the acceptance and the resolution.
      await ok(stack, 'AcceptTicket', { id: ticket.id }, firmStaff);
      await ok(stack, 'ResolveTicket', { id: ticket.id, feedback: '已更换灯泡' }, firmStaff);
      await waitFor(async () => expect((await inbox(alice)).edges.map((e: any) => e.node.kind)).toEqual(['TICKET_RESOLVED', 'TICKET_ACCEPTED']), { timeoutMs: 5_000 });
      const page = await inbox(alice, { first: 1 });
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect((await inbox(alice, { first: 1, after: page.pageInfo.endCursor })).edges[0].node.kind).toBe('TICKET_ACCEPTED');
      expect((await ok(stack, 'MarkNotificationsRead', { all: true }, alice)).markNotificationsRead.unreadCount).toBe(0);
      await waitFor(() => expect(updates.results.map((r) => r.data?.ticketUpdated.status)).toContain('RESOLVED'), { timeoutMs: 5_000 });

      // The webhook got the dispatch once, signed, and its history says so.
      await waitFor(() => expect(receiver.received).toHaveLength(1), { timeoutMs: 5_000 });
      const [posted] = receiver.received;
      expect(validSignature(SECRET, posted)).toBe(true);
      expect(JSON.parse(posted.body)).toMatchObject({ id: posted.eventId, kind: 'TICKET_DISPATCHED', notification: { ticketId: ticket.id } });
      const deliveries = await ok(stack, 'WebhookDeliveries', { webhookId: hook.registerWebhook.webhook.id }, firmStaff);
      await waitFor(async () => {
        const d = await ok(stack, 'WebhookDeliveries', { webhookId: hook.registerWebhook.webhook.id }, firmStaff);
        expect(d.webhookDeliveries.edges[0].node).toMatchObject({ id: posted.eventId, attempts: 1, lastStatus: 204, deliveredAt: expect.any(String), nextAttemptAt: null });
      });
      expect(deliveries.webhookDeliveries.totalCount).toBe(1);
      expect(codes(await op(stack, 'WebhookDeliveries', { webhookId: hook.registerWebhook.webhook.id }, alice))).toEqual(['FORBIDDEN']);

      const disabled = await ok(stack, 'DisableWebhook', { id: hook.registerWebhook.webhook.id }, firmStaff);
      expect(disabled.disableWebhook.webhook).toEqual({ id: hook.registerWebhook.webhook.id, active: false });
      feed.close();
      updates.close();
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('gives a reconnecting client what it missed (Last-Event-ID), and ends a stream cleanly when its token expires', async () => {
    const token = await mintToken({ sub: alice.sub, roles: alice.roles });
    const ticket = await submit(stack, alice, ticketInput(w.areaGridId));
    const first = await rawStream(stack.url, token, contractOperation('NotificationFeed'));
    expect(first.status).toBe(200);
    await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: w.firmId }, staff);
    await ok(stack, 'AcceptTicket', { id: ticket.id }, firmStaff);
    await waitFor(() => expect(first.messages.filter((m) => m.event === 'next')).toHaveLength(1), { timeoutMs: 5_000 });
    const seen = first.messages[0];
    expect(JSON.parse(seen.data).data.notificationAdded.kind).toBe('TICKET_ACCEPTED');
    expect(seen.id).toMatch(/^\d+$/);
    first.close();

    // Resolved while the client was away; it reconnects from the last id it saw.
    await ok(stack, 'ResolveTicket', { id: ticket.id, feedback: '已修好' }, firmStaff);
    await waitFor(async () => expect((await inbox(alice)).edges[0].node).toMatchObject({ kind: 'TICKET_RESOLVED', ticket: { id: ticket.id } }), { timeoutMs: 5_000 });
    const again = await rawStream(stack.url, token, contractOperation('NotificationFeed'), {}, seen.id!);
    await waitFor(() => expect(again.messages.filter((m) => m.event === 'next')).toHaveLength(1), { timeoutMs: 5_000 });
    const missed = JSON.parse(again.messages[0].data).data.notificationAdded;
    expect(missed).toMatchObject({ kind: 'TICKET_RESOLVED', ticket: { id: ticket.id, status: 'RESOLVED' } });
    expect(Number(again.messages[0].id)).toBeGreaterThan(Number(seen.id));
    again.close();

    // A token about to expire: the stream completes at its expiry instead of outliving it.
    const shortLived = await mintToken({ sub: alice.sub, roles: alice.roles, expiresIn: 2 });
    const expiring = await rawStream(stack.url, shortLived, contractOperation('TicketUpdates'), { id: ticket.id });
    expect(expiring.status).toBe(200);
    await waitFor(() => expect(expiring.ended).toBe(true), { timeoutMs: 8_000 });
    expect(expiring.messages.map((m) => m.event)).toEqual(['complete']);
  }, 60_000);

  it('bounds open streams per caller and per process, and keeps idle streams alive with heartbeats', async () => {
    const open = async (sub: string) => {
      const token = await mintToken({ sub, roles: ['RESIDENT'] });
      return rawStream(stack.url, token, contractOperation('NotificationFeed'));
    };
    const mine = [await open('limit-a'), await open('limit-a'), await open('limit-a')];
    expect(mine.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await open('limit-a');
    expect(fourth.status).toBe(429);
    const others: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; others.length < LIVE.maxStreams - mine.length; i++) others.push(await open(`limit-other-${i}`));
    expect(others.every((s) => s.status === 200)).toBe(true);
    expect((await open('limit-last')).status).toBe(503);
    // Closing one frees its place.
    mine[0].close();
    await waitFor(async () => {
      const again = await open('limit-a');
      expect(again.status).toBe(200);
      again.close();
    }, { timeoutMs: 5_000 });
    await waitFor(() => expect(mine[1].comments).toBeGreaterThanOrEqual(3), { timeoutMs: 5_000 });
    [...mine, ...others].forEach((s) => s.close());
  }, 30_000);

  it('refuses a subscription to a ticket out of scope, and one without a token', async () => {
    const ticket = await submit(stack, alice, ticketInput(w.areaGridId));
    const refused = await openStream(stack.url, bob, contractOperation('TicketUpdates'), { id: ticket.id });
    await waitFor(() => expect(refused.completed).toBe(true), { timeoutMs: 5_000 });
    expect(refused.results.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(refused.results)).not.toContain(ticket.code);

    const anonymous = await fetch(`${stack.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: contractOperation('NotificationFeed') }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }, 30_000);

  it('shares one selection run among the streams of one scope, and gives each scope its own answer', async () => {
    const ticket = await submit(stack, alice, ticketInput(w.areaGridId));
    await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: w.firmId }, staff);
    // Two people of each scope: the community's staff see the ticket throughout, the firm's only while it is theirs.
    const community = [staff, { ...staff, sub: 'share-community-2' }].map((c) => openStream(stack.url, c, contractOperation('TicketUpdates'), { id: ticket.id }));
    const firm = [firmStaff, { ...firmStaff, sub: 'share-firm-2' }].map((c) => openStream(stack.url, c, contractOperation('TicketUpdates'), { id: ticket.id }));
    const streams = await Promise.all([...community, ...firm]);
    await Promise.all(streams.map((s) => s.open));
    const [c1, c2, f1, f2] = streams;
    // One view per scope, not one per stream (and no stream of an earlier test still open).
    await waitFor(async () => expect(await metric('live_views')).toBe(2), { timeoutMs: 5_000 });
    const before = { shared: await metric('live_shared_runs_total'), alone: await metric('live_alone_runs_total'), sent: await metric('live_updates_sent_total') };

    // The firm hands it back (to the community's queue): the community's staff see it, the firm's staff lose sight of it.
    await ok(stack, 'ReturnTicket', { id: ticket.id, reason: '不属于物业服务范围' }, firmStaff);
    const lastAction = (s: (typeof streams)[number]) => s.results.at(-1)?.data?.ticketUpdated.timeline.at(-1)?.action;
    await waitFor(() => expect([c1, c2].map(lastAction)).toEqual(['RETURN', 'RETURN']), { timeoutMs: 10_000 });
    await waitFor(() => expect([f1, f2].map((s) => s.completed)).toEqual([true, true]), { timeoutMs: 10_000 });
    for (const s of [c1, c2]) {
      expect(s.results.at(-1)!.errors).toBeUndefined();
      expect(s.results.at(-1)!.data.ticketUpdated).toMatchObject({ id: ticket.id, status: 'SUBMITTED', assignee: null });
      expect(s.results.at(-1)!.data.ticketUpdated.timeline.map((e: { action: string }) => e.action)).toEqual(['SUBMIT', 'DISPATCH', 'RETURN']);
    }
    for (const s of [f1, f2]) {
      expect(s.results.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(s.results)).not.toContain('RETURN');
    }

    // Each run served both streams of its scope: two updates written per shared run, none run alone.
    await waitFor(async () => expect(await metric('live_views')).toBe(1), { timeoutMs: 5_000 });
    const shared = (await metric('live_shared_runs_total')) - before.shared;
    expect(shared).toBeGreaterThanOrEqual(2);
    expect((await metric('live_updates_sent_total')) - before.sent).toBe(2 * shared);
    expect((await metric('live_alone_runs_total')) - before.alone).toBe(0);
    streams.forEach((s) => s.close());
    await waitFor(async () => expect(await metric('live_views')).toBe(0), { timeoutMs: 5_000 });
  }, 60_000);

  it('keeps a reporter’s stream to itself, even beside staff of the same scope', async () => {
    // A staff member reports a ticket as themself: the reporter never sees internal comments, so its answers are its own.
    const reporter: Caller = { ...staff, sub: 'share-reporter' };
    const ticket = await submit(stack, reporter, ticketInput(w.areaGridId));
    const streams = await Promise.all([reporter, { ...staff, sub: 'share-colleague' }].map((c) => openStream(stack.url, c, contractOperation('TicketUpdates'), { id: ticket.id })));
    await Promise.all(streams.map((s) => s.open));
    await waitFor(async () => expect(await metric('live_views')).toBe(2), { timeoutMs: 5_000 });
    await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: w.firmId }, staff);
    await waitFor(() => expect(streams.map((s) => s.results.at(-1)?.data?.ticketUpdated.status)).toEqual(['DISPATCHED', 'DISPATCHED']), { timeoutMs: 10_000 });
    streams.forEach((s) => s.close());
    await waitFor(async () => expect(await metric('live_views')).toBe(0), { timeoutMs: 5_000 });
  }, 60_000);

  it('refuses webhooks to http, loopback and names resolving to private addresses where they are not allowed, and records a hanging receiver as a failed attempt', async () => {
    const register = (url: string, secret = SECRET) => op(stack, 'RegisterWebhook', { input: { organisationId: w.firmId, url, secret, kinds: ['TICKET_DISPATCHED'] } }, firmStaff);
    process.env.WEBHOOK_ALLOW_PRIVATE = 'false';
    try {
      expect(rejection(await register('http://example.com/hook'))).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(rejection(await register('https://127.0.0.1/hook'))).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(rejection(await register('https://localhost/hook'))).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(rejection(await register('https://[::1]/hook'))).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(rejection(await register('https://169.254.169.254/latest'))).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    }
    expect(rejection(await register('https://hooks.example.com/x', 'short'))).toEqual({ code: 'BAD_USER_INPUT', field: 'secret' });
    expect(codes(await op(stack, 'RegisterWebhook', { input: { organisationId: w.firmId, url: 'https://hooks.example.com/x', secret: SECRET, kinds: ['TICKET_DISPATCHED'] } }, alice))).toEqual(['FORBIDDEN']);

    const hanging = await startReceiver(() => 0);
    try {
      const hook = (await ok(stack, 'RegisterWebhook', { input: { organisationId: w.firmId, url: hanging.url, secret: SECRET, kinds: ['TICKET_DISPATCHED'] } }, firmStaff))
        .registerWebhook.webhook;
      const ticket = await submit(stack, alice, ticketInput(w.areaGridId));
      await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: w.firmId }, staff);
      await waitFor(
        async () => {
          const d = await ok(stack, 'WebhookDeliveries', { webhookId: hook.id }, firmStaff);
          expect(d.webhookDeliveries.edges[0]?.node).toMatchObject({ attempts: expect.any(Number), lastStatus: null, deliveredAt: null, nextAttemptAt: expect.any(String) });
          expect(d.webhookDeliveries.edges[0].node.attempts).toBeGreaterThanOrEqual(2);
        },
        { timeoutMs: 15_000 },
      );
      await ok(stack, 'DisableWebhook', { id: hook.id }, firmStaff);
    } finally {
      await hanging.close();
    }
  }, 60_000);

  if (mode === 'distributed') {
    it('delivers each notification once with a valid signature across a restart of the notifications process mid-retry', async () => {
      let healthy = false;
      const receiver = await startReceiver(() => (healthy ? 200 : 503));
      try {
        const hook = (await ok(stack, 'RegisterWebhook', { input: { organisationId: w.firmId, url: receiver.url, secret: SECRET, kinds: ['TICKET_DISPATCHED'] } }, firmStaff))
          .registerWebhook.webhook;
        const ticket = await submit(stack, alice, ticketInput(w.areaGridId));
        await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: w.firmId }, staff);
        await waitFor(() => expect(receiver.received.length).toBeGreaterThanOrEqual(2), { timeoutMs: 10_000 });

        await stack.restart('notifications');
        healthy = true;
        await waitFor(
          async () => {
            const d = await ok(stack, 'WebhookDeliveries', { webhookId: hook.id }, firmStaff);
            expect(d.webhookDeliveries.edges[0].node).toMatchObject({ lastStatus: 200, deliveredAt: expect.any(String) });
          },
          { timeoutMs: 15_000 },
        );
        const ids = new Set(receiver.received.map((r) => r.eventId));
        expect(ids.size).toBe(1);
        expect(receiver.received.every((r) => validSignature(SECRET, r))).toBe(true);
        // Answered 2xx exactly once: nothing more arrives after the success.
        const count = receiver.received.length;
        await stack.settle();
        expect(receiver.received.length).toBe(count);
        await ok(stack, 'DisableWebhook', { id: hook.id }, firmStaff);
      } finally {
        await receiver.close();
      }
    }, 60_000);
  }
});
