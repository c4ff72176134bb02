import { createLogger } from '@linli/platform';
import { createEnvelope, defineEvent, subjectFor, type EventEnvelope } from '../contracts/envelope';
import { InProcessTransport } from './in-process.transport';

const logger = createLogger('in-process-test', 'silent');
const Pinged = defineEvent<{ n: number }>()('tickets.ping.sent', 1, 'test event');
const subject = subjectFor('linli', Pinged);
const ping = (n: number) => createEnvelope(Pinged, { n }, { source: 'test' });
const nOf = (e: EventEnvelope) => (e.payload as { n: number }).n;

async function until(cond: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('InProcessTransport', () => {
  let bus: InProcessTransport;
  beforeEach(() => {
    bus = new InProcessTransport({ logger, redeliveryBaseMs: 5 });
  });
  afterEach(() => bus.close());

  it('delivers asynchronously, in publish order, with a serialised copy; publish resolves once the consumer committed', async () => {
    const got: number[] = [];
    await bus.subscribe('a', async (e) => {
      got.push(nOf(e));
    });
    const original = ping(1);
    const published = bus.publish(subject, original);
    expect(got).toEqual([]); // publish never runs handlers inline
    await published;
    expect(got).toEqual([1]); // and the outbox row is marked published only after this
    (original.payload as { n: number }).n = 99; // the publisher's object is not what consumers get
    for (let n = 2; n <= 20; n++) await bus.publish(subject, ping(n));
    await bus.idle();
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('tails: replays what occurred since the given instant with its position, then follows, sharing nothing with durables', async () => {
    const old = createEnvelope(Pinged, { n: 0 }, { source: 'test', occurredAt: new Date(Date.now() - 60_000) });
    await bus.publish(subject, old);
    await bus.publish(subject, ping(1));
    const got: [number, number][] = [];
    const tail = await bus.tail((e, seq) => void got.push([nOf(e), seq]), { since: new Date(Date.now() - 1_000) });
    expect(got).toEqual([[1, 2]]);
    await bus.publish(subject, ping(2));
    await until(() => got.length === 2);
    expect(got[1]).toEqual([2, 3]);
    await tail.stop();
    await bus.publish(subject, ping(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toHaveLength(2);
  });

  it('gives every durable name every message, and a late subscriber the retained ones', async () => {
    await bus.publish(subject, ping(1));
    const a: number[] = [];
    const b: number[] = [];
    await bus.subscribe('a', async (e) => void a.push(nOf(e)));
    await bus.publish(subject, ping(2));
    await bus.subscribe('b', async (e) => void b.push(nOf(e)));
    await bus.idle();
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2]);
  });

  it('shares the work between subscriptions of one durable name (each message once)', async () => {
    const seen: Array<[string, number]> = [];
    const slow = (who: string) => async (e: EventEnvelope) => {
      seen.push([who, nOf(e)]);
      await new Promise((r) => setTimeout(r, 2));
    };
    await bus.subscribe('shared', slow('r1'));
    await bus.subscribe('shared', slow('r2'));
    for (let n = 1; n <= 30; n++) await bus.publish(subject, ping(n));
    await bus.idle();
    expect(seen.map(([, n]) => n).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(seen.filter(([w]) => w === 'r1').length).toBeGreaterThan(0);
    expect(seen.filter(([w]) => w === 'r2').length).toBeGreaterThan(0);
  });

  it('drops a re-published envelope id within the duplicate window, not after it', async () => {
    // A window far longer than two back-to-back publishes take on a loaded CI machine (30 ms was not: it failed once).
    const short = new InProcessTransport({ logger, duplicateWindowMs: 1_000 });
    const got: string[] = [];
    await short.subscribe('a', async (e) => void got.push(e.id));
    const e = ping(1);
    await short.publish(subject, e);
    await short.publish(subject, e);
    await short.idle();
    expect(got).toEqual([e.id]);
    await new Promise((r) => setTimeout(r, 1_100));
    await short.publish(subject, e);
    await short.idle();
    expect(got).toEqual([e.id, e.id]);
    await short.close();
  });

  it('redelivers a failing message with growing delivery counts, then dead-letters it after maxDeliver', async () => {
    const counts: number[] = [];
    const ok: number[] = [];
    await bus.subscribe(
      'flaky',
      async (e, d) => {
        if (nOf(e) === 1) {
          counts.push(d.deliveryCount);
          throw new Error('always fails');
        }
        ok.push(nOf(e));
      },
      { maxDeliver: 3 },
    );
    await bus.publish(subject, ping(1));
    await bus.publish(subject, ping(2));
    await until(() => bus.deadLetters.length === 1);
    expect(counts).toEqual([1, 2, 3]);
    expect(ok).toEqual([2]); // a poison message does not block the rest
    expect(bus.deadLetters[0]).toMatchObject({ consumer: 'flaky', subject, error: 'always fails', deliveryCount: 3 });
    expect(nOf(bus.deadLetters[0].envelope)).toBe(1);
  });

  it('recovers when a handler fails transiently', async () => {
    let attempts = 0;
    await bus.subscribe('retry', async () => {
      if (++attempts < 3) throw new Error('transient');
    });
    await bus.publish(subject, ping(1));
    await until(() => attempts === 3);
    await bus.idle();
    expect(bus.deadLetters).toEqual([]);
  });

  it('stop() waits for the message in flight; what the last subscription leaves goes back to its publisher', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first: number[] = [];
    const second: number[] = [];
    const sub1 = await bus.subscribe('s', async (e) => {
      first.push(nOf(e));
      await gate;
    });
    const one = bus.publish(subject, ping(1));
    const twoEnvelope = ping(2);
    const two = bus.publish(subject, twoEnvelope);
    await until(() => first.length === 1);
    let stopped = false;
    const stopping = sub1.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false); // still in flight
    release();
    await stopping;
    await expect(one).resolves.toBeUndefined();
    // Not committed by anyone: the publish fails, so the outbox row stays unpublished and is sent again.
    await expect(two).rejects.toThrow('stopped before committing');
    await bus.subscribe('s', async (e) => void second.push(nOf(e)));
    await bus.publish(subject, twoEnvelope);
    expect(first).toEqual([1]);
    expect(second).toEqual([2]);
  });

  it('refuses to publish after close', async () => {
    await bus.close();
    await expect(bus.publish(subject, ping(1))).rejects.toThrow('closed');
  });
});
