import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { OutboxEvent } from '@linli/events';
import { waitFor } from '@linli/testing';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { buildTerritory, ok, op, rejection, submit, TestClock, ticketInput, type Territory } from './tickets.fixtures';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');


/** A photo as phones take them: with the camera's make and the place in its EXIF. */
const photoWithGps = () =>
  sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 120, g: 80, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'LeakCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 16/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '108/1 56/1 0/1' } })
    .toBuffer();

/**
 * Ticket conversation (ticket-conversation.graphql) through the real gateway
 * in both modes: comments public and internal, and the upload flow against
 * the real stores (a directory with signed links embedded, an S3-compatible
 * server distributed), with every refusal the contract names.
 */
describe.each(MODES)('ticket conversation through the gateway (%s)', (mode) => {
  const clock = new TestClock('2026-11-22T01:00:00.000Z');
  let stack: TestStack;
  let w: Territory;
  let staff: Caller, gridWorker: Caller, firmStaff: Caller, alice: Caller, bob: Caller;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'conversation', { now: clock.now });
    w = await buildTerritory(stack);
    ({ communityStaff: staff, gridWorker, firmStaff } = w.callers);
    ({ alice, bob } = w.residents);
  }, 90_000);
  afterAll(() => stack?.stop());

  const conversation = async (id: string, as: Caller) => (await ok(stack, 'TicketConversation', { id }, as)).ticket;

  /** requestUpload → PUT the bytes as told → completeUpload; returns each step's answer. */
  async function upload(ticketId: string, as: Caller, bytes: Buffer, declared: Partial<{ contentType: string; sha256: string; byteSize: number; stage: string }> = {}) {
    const input = { ticketId, stage: 'SUBMISSION', fileName: '漏水.jpg', contentType: 'image/jpeg', byteSize: bytes.length, sha256: sha256(bytes), ...declared };
    clock.advance(0.001); // one upload per instant: "oldest first" has one answer
    const requested = await op(stack, 'RequestUpload', { input }, as);
    if (requested.errors) return { requested };
    const { uploadUrl, uploadHeaders, attachment } = requested.data.requestUpload;
    const put = await fetch(uploadUrl, { method: 'PUT', body: bytes, headers: Object.fromEntries(uploadHeaders.map((h: { name: string; value: string }) => [h.name, h.value])) });
    expect(put.status).toBe(200);
    const completed = await op(stack, 'CompleteUpload', { id: attachment.id }, as);
    return { requested, completed, id: attachment.id as string };
  }

  it('lets whoever sees a ticket comment; internal comments only by staff and never shown to the reporter (AddTicketComment)', async () => {
    const t = await submit(stack, alice, ticketInput(w.compoundGridId));
    const pub = await ok(stack, 'AddTicketComment', { ticketId: t.id, body: '今晚还是黑的' }, alice);
    expect(pub.addTicketComment.comment).toEqual({ id: expect.any(String), body: '今晚还是黑的', internal: false, at: clock.now().toISOString(), author: { id: alice.sub, name: '王秀兰' } });
    clock.advance(0.01);
    await ok(stack, 'AddTicketComment', { ticketId: t.id, body: '已通知物业电工，明早处理', internal: true }, staff);
    clock.advance(0.01);
    await ok(stack, 'AddTicketComment', { ticketId: t.id, body: '我们明早派人' }, gridWorker);

    expect((await conversation(t.id, staff)).comments.map((c: { body: string }) => c.body)).toEqual(['今晚还是黑的', '已通知物业电工，明早处理', '我们明早派人']);
    expect((await conversation(t.id, alice)).comments.map((c: { body: string; internal: boolean }) => [c.body, c.internal])).toEqual([
      ['今晚还是黑的', false],
      ['我们明早派人', false],
    ]);

    // Refusals change nothing.
    expect(rejection(await op(stack, 'AddTicketComment', { ticketId: t.id, body: '我也要内部留言', internal: true }, alice))).toEqual({ code: 'FORBIDDEN' });
    expect(codes(await op(stack, 'AddTicketComment', { ticketId: t.id, body: '路过' }, bob))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'AddTicketComment', { ticketId: t.id, body: '东关的人' }, w.neighbourGridWorker))).toEqual(['FORBIDDEN']);
    expect(codes(await op(stack, 'AddTicketComment', { ticketId: 'no-such-ticket', body: '?' }, staff))).toEqual(['NOT_FOUND']);
    expect(rejection(await op(stack, 'AddTicketComment', { ticketId: t.id, body: '  ' }, alice))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(rejection(await op(stack, 'AddTicketComment', { ticketId: t.id, body: '长'.repeat(2001) }, alice))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    expect((await conversation(t.id, staff)).comments).toHaveLength(3);

    // A comment changes no status, and its event carries no body.
    expect((await ok(stack, 'Ticket', { id: t.id }, staff)).ticket.status).toBe('SUBMITTED');
    const events = await stack.subgraphs.tickets.orm.em.fork().find(OutboxEvent, { type: 'tickets.ticket.commented' }, { orderBy: { seq: 'asc' } });
    const mine = events.filter((e) => (e.payload as { ticketId: string }).ticketId === t.id);
    expect(mine.map((e) => (e.payload as { internal: boolean }).internal)).toEqual([false, true, false]);
    expect(JSON.stringify(mine.map((e) => e.payload))).not.toContain('今晚');
  });

  it('takes a photo through the signed upload, strips its location and camera metadata, and links it for 15 minutes (RequestUpload, CompleteUpload)', async () => {
    const t = await submit(stack, alice, ticketInput(w.compoundGridId));
    const photo = await photoWithGps();
    expect(photo.includes(Buffer.from('PhoneMaker'))).toBe(true);

    const { requested, completed, id } = await upload(t.id, alice, photo);
    expect(requested.data.requestUpload.expiresAt).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
    expect(requested.data.requestUpload.uploadHeaders).toEqual([{ name: 'content-type', value: 'image/jpeg' }]);
    expect(requested.data.requestUpload.attachment).toEqual({ id, fileName: '漏水.jpg', contentType: 'image/jpeg', byteSize: photo.length, stage: 'SUBMISSION' });
    expect(completed!.errors).toBeUndefined();
    const done = completed!.data.completeUpload.attachment;
    expect(done).toMatchObject({ id, stage: 'SUBMISSION', contentType: 'image/jpeg', uploadedAt: clock.now().toISOString() });

    for (const viewer of [alice, staff]) {
      const [listed] = (await conversation(t.id, viewer)).attachments;
      expect(listed).toMatchObject({ id, fileName: '漏水.jpg', stage: 'SUBMISSION' });
      const res = await fetch(listed.url);
      expect(res.status).toBe(200);
      const stored = Buffer.from(await res.arrayBuffer());
      expect(stored.length).toBe(listed.byteSize);
      expect(stored.includes(Buffer.from('PhoneMaker'))).toBe(false);
      const meta = await sharp(stored).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 16, 12, undefined]);
    }
    // Someone who may not see the ticket gets no link at all.
    expect(codes(await op(stack, 'TicketConversation', { id: t.id }, bob))).toEqual(['FORBIDDEN']);
  });

  it('lets only the right people upload at each stage', async () => {
    const t = await submit(stack, alice, ticketInput(w.compoundGridId));
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
    const asPdf = { contentType: 'application/pdf' };
    expect(codes((await upload(t.id, firmStaff, pdf, { ...asPdf, stage: 'SUBMISSION' })).requested)).toEqual(['FORBIDDEN']);
    expect(codes((await upload(t.id, firmStaff, pdf, { ...asPdf, stage: 'RESOLUTION' })).requested)).toEqual(['FORBIDDEN']);
    expect((await upload(t.id, staff, pdf, { ...asPdf, stage: 'SUBMISSION' })).completed!.errors).toBeUndefined();
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, staff);
    await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff);
    expect((await upload(t.id, firmStaff, pdf, { ...asPdf, stage: 'RESOLUTION' })).completed!.errors).toBeUndefined();
    expect(codes((await upload(t.id, alice, pdf, { ...asPdf, stage: 'RESOLUTION' })).requested)).toEqual(['FORBIDDEN']);
    expect((await upload(t.id, alice, pdf, { ...asPdf, stage: 'COMMENT' })).completed!.errors).toBeUndefined();
    expect(codes((await upload(t.id, bob, pdf, { ...asPdf, stage: 'COMMENT' })).requested)).toEqual(['FORBIDDEN']);
    expect((await conversation(t.id, staff)).attachments.map((a: { stage: string }) => a.stage)).toEqual(['SUBMISSION', 'RESOLUTION', 'COMMENT']);
  });

  it('refuses a wrong type, a PNG header on an executable, a SHA-256 mismatch, an oversized file, an expired URL and a tenth file, listing none of them', async () => {
    const t = await submit(stack, alice, ticketInput(w.compoundGridId));
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).png().toBuffer();
    const exe = Buffer.concat([png.subarray(0, 8), Buffer.from('\x7fELF not an image at all')]);

    expect(rejection((await upload(t.id, alice, png, { contentType: 'application/x-msdownload' })).requested)).toEqual({ code: 'BAD_USER_INPUT', field: 'contentType' });
    expect(rejection((await upload(t.id, alice, png, { contentType: 'image/png', byteSize: 10 * 1024 * 1024 + 1 })).requested)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'byteSize',
    });
    expect(rejection((await upload(t.id, alice, png, { contentType: 'image/png', sha256: 'nothex' })).requested)).toEqual({ code: 'BAD_USER_INPUT', field: 'sha256' });
    expect(rejection((await upload(t.id, alice, exe, { contentType: 'image/png' })).completed!)).toEqual({ code: 'BAD_USER_INPUT', field: 'contentType' });
    expect(rejection((await upload(t.id, alice, png, { contentType: 'image/png', sha256: sha256(exe) })).completed!)).toEqual({ code: 'BAD_USER_INPUT', field: 'sha256' });

    // The URL lives 15 minutes: completing later is refused.
    const late = await op(stack, 'RequestUpload', { input: { ticketId: t.id, stage: 'SUBMISSION', fileName: 'late.png', contentType: 'image/png', byteSize: png.length, sha256: sha256(png) } }, alice);
    clock.advance(0.26);
    expect(rejection(await op(stack, 'CompleteUpload', { id: late.data.requestUpload.attachment.id }, alice))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    // Only the uploader completes.
    const other = await op(stack, 'RequestUpload', { input: { ticketId: t.id, stage: 'SUBMISSION', fileName: 'x.png', contentType: 'image/png', byteSize: png.length, sha256: sha256(png) } }, staff);
    expect(codes(await op(stack, 'CompleteUpload', { id: other.data.requestUpload.attachment.id }, alice))).toEqual(['FORBIDDEN']);
    expect((await conversation(t.id, staff)).attachments).toEqual([]);

    // Nine per ticket and stage (a pending upload holds its place until its URL expires).
    clock.advance(0.26);
    for (let i = 0; i < 9; i++) expect((await upload(t.id, alice, png, { contentType: 'image/png' })).completed!.errors).toBeUndefined();
    expect(rejection((await upload(t.id, alice, png, { contentType: 'image/png' })).requested)).toEqual({ code: 'BAD_USER_INPUT', field: 'stage' });
    expect((await upload(t.id, alice, png, { contentType: 'image/png', stage: 'COMMENT' })).completed!.errors).toBeUndefined();
    expect((await conversation(t.id, staff)).attachments).toHaveLength(10);
  });

  it('follows up (回访): recorded on the timeline; a reached reporter\'s score rates the ticket via FOLLOW_UP and counts for the firm (FollowUpTicket, TicketConversation)', async () => {
    const otherGridWorker: Caller = { sub: 'grid-worker-2', roles: ['GRID_WORKER'], orgs: [w.communityId] };
    // Door knocking: the grid worker enters it for Bob, who has no app.
    const t = await submit(stack, gridWorker, ticketInput(w.compoundGridId, { channel: 'DOOR_KNOCKING', onBehalfOfPersonId: w.residents.bob.personId }));
    await ok(stack, 'DispatchTicket', { id: t.id, assigneeId: w.firmId }, staff);
    expect(rejection(await op(stack, 'FollowUpTicket', { id: t.id, input: { reached: true, score: 5 } }, otherGridWorker))).toEqual({
      code: 'INVALID_TRANSITION',
      status: 'DISPATCHED',
      action: 'FOLLOW_UP',
    });
    await ok(stack, 'AcceptTicket', { id: t.id }, firmStaff);
    await ok(stack, 'ResolveTicket', { id: t.id, feedback: '已修好' }, firmStaff);

    // Nobody checks their own work: not who submitted it, not who dispatched it; and only staff of the scope.
    for (const who of [gridWorker, staff, firmStaff, bob, w.neighbourGridWorker]) {
      expect(codes(await op(stack, 'FollowUpTicket', { id: t.id, input: { reached: true, score: 5 } }, who))).toEqual(['FORBIDDEN']);
    }
    expect(rejection(await op(stack, 'FollowUpTicket', { id: t.id, input: { reached: true } }, otherGridWorker))).toEqual({ code: 'BAD_USER_INPUT', field: 'score' });
    expect(rejection(await op(stack, 'FollowUpTicket', { id: t.id, input: { reached: true, score: 9 } }, otherGridWorker))).toEqual({ code: 'BAD_USER_INPUT', field: 'score' });

    clock.advance(1);
    const missed = await ok(stack, 'FollowUpTicket', { id: t.id, input: { reached: false, note: '无人接听' } }, otherGridWorker);
    expect(missed.followUpTicket.ticket).toMatchObject({ id: t.id, status: 'RESOLVED', rating: null, followUps: [{ reached: false, score: null }] });
    clock.advance(1);
    const reached = await ok(stack, 'FollowUpTicket', { id: t.id, input: { reached: true, score: 2, note: '修得太慢' } }, otherGridWorker);
    expect(reached.followUpTicket.ticket).toMatchObject({ id: t.id, status: 'CLOSED', rating: { score: 2, via: 'FOLLOW_UP' } });
    expect(reached.followUpTicket.ticket.followUps.map((f: { reached: boolean; score: number | null }) => [f.reached, f.score])).toEqual([
      [false, null],
      [true, 2],
    ]);

    const seen = await conversation(t.id, staff);
    expect(seen.rating).toMatchObject({ score: 2, via: 'FOLLOW_UP' });
    // The grid worker is a token-only caller, unknown to the organisations subgraph: its person is null (nothing leaks).
    expect(seen.followUps[1]).toMatchObject({ reached: true, score: 2, note: '修得太慢', recordedBy: null });
    const timeline = (await ok(stack, 'Ticket', { id: t.id }, staff)).ticket.timeline.map((e: { action: string }) => e.action);
    expect(timeline.slice(-3)).toEqual(['FOLLOW_UP', 'FOLLOW_UP', 'RATE']);
    // A closed ticket can still be followed up; it is not rated twice.
    const again = await ok(stack, 'FollowUpTicket', { id: t.id, input: { reached: true, score: 5 } }, otherGridWorker);
    expect(again.followUpTicket.ticket).toMatchObject({ status: 'CLOSED', rating: { score: 2, via: 'FOLLOW_UP' } });

    // The follow-up's bad rating counts for the firm like a resident's own.
    await waitFor(
      async () => {
        const r = await ok(stack, 'FirmAssessment', { firmId: w.firmId, period: '2026-11' }, firmStaff);
        expect(r.organisation.assessment?.deductions.some((x: { reason: string; ticket: { id: string } | null }) => x.reason === 'BAD_RATING' && x.ticket?.id === t.id)).toBe(true);
      },
      { timeoutMs: 5_000, intervalMs: 100 },
    );
  });
});
