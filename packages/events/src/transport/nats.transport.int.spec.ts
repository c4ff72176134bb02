import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { createTestNats, waitFor } from '@linli/testing';
import { consumerBacklog, logger, readStream, sleep, withJsm } from '../../test/support';
import { createEnvelope, defineEvent, subjectFor, type EventEnvelope } from '../contracts/envelope';
import { DlqHeaders, dlqStreamName, dlqSubjectFor, NatsTransport } from './nats.transport';

const Pinged = defineEvent<{ n: number }>()('tickets.ping.sent', 1, 'test event');
const ping = (n: number) => createEnvelope(Pinged, { n }, { source: 'test' });
const nOf = (e: EventEnvelope) => (e.payload as { n: number }).n;

describe('NatsTransport (real NATS JetStream)', () => {
  const nats = createTestNats('nats-transport');
  const subject = subjectFor(nats.subjectPrefix, Pinged);
  const transports: NatsTransport[] = [];
  const open = async () => {
    const t = await NatsTransport.connect({
      servers: nats.servers,
      streamName: nats.streamName,
      subjectPrefix: nats.subjectPrefix,
      logger,
      redeliveryBaseMs: 20,
    });
    transports.push(t);
    return t;
  };

  afterAll(async () => {
    for (const t of transports) await t.close();
    await nats.cleanup();
  });

  it('sets up the stream and its DLQ idempotently', async () => {
    await open();
    await open(); // a second replica starting: no error, same settings
    await withJsm(nats.servers, async (jsm) => {
      const s = await jsm.streams.info(nats.streamName);
      expect(s.config.subjects).toEqual([`${nats.subjectPrefix}.events.>`]);
      expect(s.config.storage).toBe('file');
      expect(s.config.duplicate_window).toBe(120_000_000_000);
      const d = await jsm.streams.info(dlqStreamName(nats.streamName));
      expect(d.config.subjects).toEqual([`${nats.subjectPrefix}.dlq.>`]);
    });
  });

  it('updates an existing stream to the wanted settings', async () => {
    const t = await NatsTransport.connect({ servers: nats.servers, streamName: nats.streamName, subjectPrefix: nats.subjectPrefix, logger, duplicateWindowMs: 60_000 });
    transports.push(t);
    await withJsm(nats.servers, async (jsm) => {
      expect((await jsm.streams.info(nats.streamName)).config.duplicate_window).toBe(60_000_000_000);
    });
  });

  it('stores an envelope published twice (same msgID) once', async () => {
    const t = await open();
    const before = (await readStream(nats.servers, nats.streamName)).length;
    const e = ping(1);
    await t.publish(subject, e);
    await t.publish(subject, e);
    const stored = await readStream(nats.servers, nats.streamName);
    expect(stored.length).toBe(before + 1);
    expect(stored[stored.length - 1]).toMatchObject({ subject, msgId: e.id, envelope: e });
  });

  it('fails a publish to a subject no stream takes, after its retries', async () => {
    const t = await open();
    await expect(t.publish(`${nats.subjectPrefix}.nowhere.x`, ping(1))).rejects.toThrow(/failed after 4 attempt/);
  });

  it('shares a durable consumer between two subscriptions: each message handled once', async () => {
    const [t1, t2] = [await open(), await open()];
    const handled: Array<[string, number]> = [];
    const handler = (who: string) => async (e: EventEnvelope) => {
      if (e.type !== Pinged.type || nOf(e) < 100) return; // earlier tests' messages
      handled.push([who, nOf(e)]);
      await sleep(5);
    };
    const s1 = await t1.subscribe('shared', handler('r1'), { batch: 1, ackWaitMs: 2_000 });
    const s2 = await t2.subscribe('shared', handler('r2'), { batch: 1, ackWaitMs: 2_000 });
    for (let n = 100; n < 130; n++) await t1.publish(subject, ping(n));
    await waitFor(async () => {
      expect(handled.length).toBe(30);
      expect(await consumerBacklog(nats.servers, nats.streamName, 'shared')).toEqual({ pending: 0, ackPending: 0 });
    });
    await sleep(100); // nothing else trickles in
    expect(handled.map(([, n]) => n).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => 100 + i));
    expect(handled.some(([w]) => w === 'r1')).toBe(true);
    expect(handled.some(([w]) => w === 'r2')).toBe(true);
    await s1.stop();
    await s2.stop();
  });

  it('dead-letters a message whose handler always fails, after maxDeliver attempts', async () => {
    const t = await open();
    const poisoned = ping(500);
    const attempts: number[] = [];
    const sub = await t.subscribe(
      'always-fails',
      async (e, d) => {
        if (e.id !== poisoned.id) return;
        attempts.push(d.deliveryCount);
        throw new Error('handler exploded\nwith a second line');
      },
      { maxDeliver: 3, ackWaitMs: 2_000 },
    );
    await t.publish(subject, poisoned);
    const dlq = dlqStreamName(nats.streamName);
    await waitFor(async () => expect((await readStream(nats.servers, dlq)).length).toBe(1), { timeoutMs: 10_000 });
    await waitFor(async () => expect(await consumerBacklog(nats.servers, nats.streamName, 'always-fails')).toEqual({ pending: 0, ackPending: 0 }));
    await sleep(200);
    expect(attempts).toEqual([1, 2, 3]); // bounded: terminated, not redelivered again
    await withJsm(nats.servers, async (jsm) => {
      const m = await jsm.streams.getMessage(dlq, { last_by_subj: dlqSubjectFor(nats.subjectPrefix, 'always-fails') });
      expect(m).not.toBeNull();
      expect(m!.json<EventEnvelope>()).toEqual(poisoned);
      expect(m!.header.get(DlqHeaders.Consumer)).toBe('always-fails');
      expect(m!.header.get(DlqHeaders.Error)).toBe('handler exploded with a second line');
      expect(m!.header.get(DlqHeaders.DeliveryCount)).toBe('3');
      expect(m!.header.get(DlqHeaders.OriginalSubject)).toBe(subject);
    });
    await sub.stop();
  });

  it('dead-letters an unparseable message at once, without calling the handler', async () => {
    const t = await open();
    const calls: string[] = [];
    const sub = await t.subscribe('poison', async (e) => void calls.push(e.id), { maxDeliver: 5, ackWaitMs: 2_000 });
    const nc = await connect({ servers: nats.servers });
    try {
      await jetstream(nc).publish(`${nats.subjectPrefix}.events.garbage.v1`, 'not json {');
    } finally {
      await nc.close();
    }
    await waitFor(async () => {
      const dl = await withJsm(nats.servers, (jsm) =>
        jsm.streams.getMessage(dlqStreamName(nats.streamName), { last_by_subj: dlqSubjectFor(nats.subjectPrefix, 'poison') }).catch(() => null),
      );
      expect(dl?.string()).toBe('not json {');
      expect(dl?.header.get(DlqHeaders.Error)).toMatch(/^poison message/);
      expect(dl?.header.get(DlqHeaders.DeliveryCount)).toBe('1');
    });
    expect(calls).not.toContain(undefined);
    await sub.stop();
  });

  it('stop() finishes the message in flight and hands the un-started ones to the running replica', async () => {
    const [t1, t2] = [await open(), await open()];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const r1: number[] = [];
    const r2: number[] = [];
    const relevant = (e: EventEnvelope) => e.type === Pinged.type && nOf(e) >= 900;
    const s1 = await t1.subscribe(
      'handover',
      async (e) => {
        if (!relevant(e)) return;
        r1.push(nOf(e));
        await gate;
      },
      { batch: 5, ackWaitMs: 10_000 },
    );
    for (let n = 900; n < 905; n++) await t1.publish(subject, ping(n));
    await waitFor(() => expect(r1.length).toBe(1)); // s1 holds all five, works on the first
    const s2 = await t2.subscribe('handover', async (e) => void (relevant(e) && r2.push(nOf(e))), { ackWaitMs: 10_000 });
    let stopped = false;
    const stopping = s1.stop().then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false); // waits for the handler in flight
    release();
    await stopping;
    // Handed back, so well before the 10 s ack wait.
    await waitFor(() => expect([...r2].sort()).toEqual([901, 902, 903, 904]), { timeoutMs: 3_000 });
    expect(r1).toEqual([900]);
    await s2.stop();
  });
});
