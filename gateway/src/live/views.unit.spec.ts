import type { LiveEntry } from './feed';
import { limiter } from './streams';
import { ViewHub, type LiveResult, type ViewMember, type ViewSpec } from './views';

/** The feed's two faces the hub uses: entries kept for resumption, listeners by key. */
function feed() {
  const entries: LiveEntry[] = [];
  const listeners = new Map<string, Set<(e: LiveEntry) => void>>();
  let seq = 0;
  return {
    follow: (keys: readonly string[], l: (e: LiveEntry) => void) => {
      for (const k of keys) listeners.set(k, (listeners.get(k) ?? new Set()).add(l));
      return () => keys.forEach((k) => listeners.get(k)?.delete(l));
    },
    missed: (keys: readonly string[], after: number) => entries.filter((e) => e.seq > after && keys.includes(e.key)),
    emit: (key: string, notificationId: string | null = null) => {
      const e: LiveEntry = { seq: ++seq, at: Date.now(), key, notificationId };
      entries.push(e);
      for (const l of listeners.get(key) ?? []) l(e);
      return e;
    },
    listening: (key: string) => listeners.get(key)?.size ?? 0,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A stream: what it was sent, and which entries it was asked to run. */
function member(answer: (e: LiveEntry, who: string) => Promise<LiveResult> | LiveResult, who = 'm') {
  const got: { seq: number; result: LiveResult }[] = [];
  const ran: number[] = [];
  const m: ViewMember = {
    run: async (e) => {
      ran.push(e.seq);
      return answer(e, who);
    },
    deliver: (result, seq) => void got.push({ seq, result }),
  };
  return { m, got, ran };
}

function hub(f: ReturnType<typeof feed>, opts: { limit?: number } = {}) {
  const runs = { shared: 0, alone: 0 };
  const h = new ViewHub({
    follow: f.follow,
    missed: f.missed,
    limit: limiter(opts.limit ?? 32),
    shareable: (r) => !r.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED'),
    onRun: (mode) => runs[mode]++,
    onError: (err) => {
      throw err;
    },
  });
  return { h, runs };
}

const ticket = (key: string, id = 't-1'): ViewSpec => ({ key, feedKeys: [`ticket:${id}`], coalesce: true });
const state = (n: number): LiveResult => ({ data: { ticketUpdated: { n } } });

describe('ViewHub', () => {
  it('runs a view once per change and writes the answer to every stream of the view', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    const streams = [1, 2, 3].map(() => member((e) => state(e.seq)));
    streams.forEach((s) => h.join(ticket('staff-of-c1'), s.m, null));
    f.emit('ticket:t-1');
    await settle();
    expect(runs).toEqual({ shared: 1, alone: 0 });
    expect(streams.flatMap((s) => s.ran)).toEqual([1]);
    for (const s of streams) expect(s.got).toEqual([{ seq: 1, result: state(1) }]);
  });

  it('never writes one view’s answer to another view’s stream', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    const staff = member((e, who) => ({ data: { who, seq: e.seq } }), 'staff');
    const firm = member(() => ({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] }), 'firm');
    h.join(ticket('staff-of-c1'), staff.m, null);
    h.join(ticket('firm-f1'), firm.m, null);
    expect(h.size).toBe(2);
    f.emit('ticket:t-1');
    await settle();
    expect(runs.shared).toBe(2);
    expect(staff.got.map((g) => g.result)).toEqual([{ data: { who: 'staff', seq: 1 } }]);
    expect(firm.got.map((g) => g.result.errors?.[0].extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('collapses a burst of changes into one more run with the newest position, in order', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const streams = [1, 2].map(() => member(async (e) => (e.seq === 1 ? gate.then(() => state(1)) : state(e.seq))));
    streams.forEach((s) => h.join(ticket('v'), s.m, null));
    f.emit('ticket:t-1');
    for (let i = 0; i < 5; i++) f.emit('ticket:t-1');
    release();
    await settle();
    await settle();
    expect(runs.shared).toBe(2);
    for (const s of streams) expect(s.got.map((g) => g.seq)).toEqual([1, 6]);
  });

  it('runs every entry of a view that does not coalesce (notifications), in bus order', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    const s = member((e) => ({ data: { notificationAdded: { id: e.notificationId } } }));
    h.join({ key: 'inbox-p1', feedKeys: ['inbox:P:p1'], coalesce: false }, s.m, null);
    f.emit('inbox:P:p1', 'n-1');
    f.emit('inbox:P:p1', 'n-2');
    f.emit('inbox:P:p1', 'n-3');
    for (let i = 0; i < 5; i++) await settle();
    expect(runs.shared).toBe(3);
    expect(s.got.map((g) => g.result.data)).toEqual(['n-1', 'n-2', 'n-3'].map((id) => ({ notificationAdded: { id } })));
  });

  it('keeps an answer about the runner’s own token to the runner: everyone else runs alone', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    const expired = member(() => ({ errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }), 'expired');
    const fine = member((e) => state(e.seq), 'fine');
    h.join(ticket('v'), expired.m, null);
    h.join(ticket('v'), fine.m, null);
    f.emit('ticket:t-1');
    for (let i = 0; i < 3; i++) await settle();
    expect(runs).toEqual({ shared: 1, alone: 1 });
    expect(expired.got.map((g) => g.result.errors?.[0].extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(fine.got).toEqual([{ seq: 1, result: state(1) }]);
  });

  it('bounds the runs in flight across views', async () => {
    const f = feed();
    const { h } = hub(f, { limit: 2 });
    let running = 0;
    let peak = 0;
    const slow = async (e: LiveEntry) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return state(e.seq);
    };
    const streams = Array.from({ length: 6 }, (_, i) => {
      const s = member(slow);
      h.join(ticket(`v${i}`, `t-${i}`), s.m, null);
      return s;
    });
    for (let i = 0; i < 6; i++) f.emit(`ticket:t-${i}`);
    await new Promise((r) => setTimeout(r, 60));
    expect(peak).toBe(2);
    expect(streams.every((s) => s.got.length === 1)).toBe(true);
  });

  it('gives a resuming stream the view’s newest answer, or runs what it missed for it alone, before anything newer', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    const first = member((e) => state(e.seq));
    h.join(ticket('v'), first.m, null);
    f.emit('ticket:t-1');
    f.emit('ticket:other');
    await settle();
    expect(runs).toEqual({ shared: 1, alone: 0 });

    // Behind the view's last answer: that answer, no run.
    const behind = member((e) => state(e.seq));
    h.join(ticket('v'), behind.m, 0);
    await settle();
    expect(behind.got).toEqual([{ seq: 1, result: state(1) }]);
    expect(runs).toEqual({ shared: 1, alone: 0 });

    // A view that did not exist when the change came: one run for this stream alone, then the live ones.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const other = member((e) => (e.seq === 1 ? gate.then(() => state(1)) : state(e.seq)));
    h.join(ticket('other-view'), other.m, 0);
    f.emit('ticket:t-1');
    await settle();
    release();
    for (let i = 0; i < 3; i++) await settle();
    expect(runs).toEqual({ shared: 3, alone: 1 });
    expect(other.got.map((g) => g.seq)).toEqual([1, 3]);
    // And nothing it already has again.
    expect(first.got.map((g) => g.seq)).toEqual([1, 3]);
  });

  it('drops a view and stops following the feed when its last stream leaves', async () => {
    const f = feed();
    const { h, runs } = hub(f);
    const a = member((e) => state(e.seq));
    const b = member((e) => state(e.seq));
    const leaveA = h.join(ticket('v'), a.m, null);
    const leaveB = h.join(ticket('v'), b.m, null);
    leaveA();
    f.emit('ticket:t-1');
    await settle();
    expect(a.got).toEqual([]);
    expect(b.got.map((g) => g.seq)).toEqual([1]);
    leaveB();
    expect(h.size).toBe(0);
    expect(f.listening('ticket:t-1')).toBe(0);
    f.emit('ticket:t-1');
    await settle();
    expect(runs.shared).toBe(1);
  });
});
