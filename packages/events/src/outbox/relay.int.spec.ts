import type { MikroORM } from '@mikro-orm/core';
import { createTestNats, waitFor } from '@linli/testing';
import { Counter, createDb, FaultyTransport, logger, readStream, type Dialect, type TestDb } from '../../test/support';
import { subjectFor } from '../contracts/envelope';
import { OrganisationCreated, OrganisationRenamed } from '../contracts/organisations';
import { NatsTransport } from '../transport/nats.transport';
import { OutboxEvent } from './outbox.entity';
import { recordEvent } from './record';
import { OutboxRelay } from './relay';

const rename = (orm: MikroORM, names: string[], correlationId?: string) =>
  orm.em.fork().transactional(async (em) =>
    names.map((name) => recordEvent(em, OrganisationRenamed, { organisationId: 'org-1', name }, { source: 'organisations', correlationId })),
  );

describe.each<Dialect>(['postgresql', 'sqlite'])('outbox + relay on %s, publishing to real NATS', (dialect) => {
  const nats = createTestNats(`relay-${dialect}`);
  let db: TestDb;
  let nt: NatsTransport;
  let transport: FaultyTransport;
  let relay: OutboxRelay;

  beforeAll(async () => {
    db = await createDb(dialect, `relay-${dialect}`);
    nt = await NatsTransport.connect({ servers: nats.servers, streamName: nats.streamName, subjectPrefix: nats.subjectPrefix, logger, publishAttempts: 1 });
    transport = new FaultyTransport(nt);
    relay = new OutboxRelay({ orm: db.orm, transport, logger, pollIntervalMs: 50 });
  });
  afterAll(async () => {
    await relay?.stop();
    await nt?.close();
    await db?.close();
    await nats.cleanup();
  });

  const stream = () => readStream(nats.servers, nats.streamName);
  const rows = () => db.orm.em.fork().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });

  it('never publishes an event recorded in a transaction that rolled back', async () => {
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        em.create(Counter, { id: 'rolled-back', value: 1 });
        recordEvent(em, OrganisationCreated, { organisationId: 'o-x', name: 'X', kind: 'STREET', parentId: null, ancestorIds: [] }, { source: 'organisations' });
        await em.flush(); // written inside the transaction…
        throw new Error('business rule violated'); // …and rolled back with the state change
      }),
    ).rejects.toThrow('business rule violated');
    await relay.drain();
    expect(await rows()).toEqual([]);
    expect(await db.orm.em.fork().findOne(Counter, { id: 'rolled-back' })).toBeNull();
    expect(await stream()).toEqual([]);
  });

  it('publishes committed events once, in commit order, with the event id as Nats-Msg-Id', async () => {
    const first = await rename(db.orm, ['A', 'B', 'C'], 'req-1');
    const second = await rename(db.orm, ['D', 'E']);
    const envelopes = [...first, ...second];
    await relay.drain();

    const stored = await stream();
    expect(stored.map((s) => s.envelope)).toEqual(envelopes);
    expect(stored.map((s) => s.msgId)).toEqual(envelopes.map((e) => e.id));
    expect(stored.every((s) => s.subject === subjectFor(nats.subjectPrefix, OrganisationRenamed))).toBe(true);
    expect(stored[0].envelope.correlationId).toBe('req-1');
    const published = await rows();
    expect(published.map((r) => r.id)).toEqual(envelopes.map((e) => e.id));
    expect(published.every((r) => r.publishedAt instanceof Date)).toBe(true);

    await relay.drain(); // nothing left to do
    expect((await stream()).length).toBe(5);
  });

  it('a relay that crashed after publishing but before marking re-publishes, and the stream drops the copies', async () => {
    const before = (await stream()).length;
    // As if the marking transaction never committed.
    await db.orm.em.fork().nativeUpdate(OutboxEvent, {}, { publishedAt: null });
    const calls = transport.publishCalls.length;
    await relay.drain();
    expect(transport.publishCalls.length - calls).toBe(before); // re-sent…
    expect((await stream()).length).toBe(before); // …and stored once
  });

  it('stops a batch at the first failed publish, records it, and sends the rest in order on the next pass', async () => {
    const before = (await stream()).length;
    const envelopes = await rename(db.orm, ['F', 'G', 'H']);
    transport.failNextPublishes(2); // G fails
    await expect(relay.drain()).rejects.toThrow('injected publish failure #2');

    const [f, g, h] = (await rows()).slice(-3);
    expect(f.publishedAt).not.toBeNull();
    expect(g).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'injected publish failure #2' });
    expect(h).toMatchObject({ publishedAt: null, attempts: 0 }); // not overtaken
    expect((await stream()).length).toBe(before + 1);

    await relay.drain();
    const stored = await stream();
    expect(stored.slice(-3).map((s) => s.envelope.id)).toEqual(envelopes.map((e) => e.id));
    expect((await rows()).every((r) => r.publishedAt !== null)).toBe(true);
  });

  it('keeps retrying in the background while the transport fails, and catches up when it recovers', async () => {
    const before = (await stream()).length;
    transport.failNextPublishes(1, 2, 3);
    relay.start();
    const [e] = await rename(db.orm, ['I']);
    relay.nudge();
    await waitFor(async () => {
      const row = await db.orm.em.fork().findOneOrFail(OutboxEvent, { id: e.id });
      expect(row.publishedAt).not.toBeNull();
      expect(row.attempts).toBe(3);
    });
    expect((await stream()).length).toBe(before + 1);
    await relay.stop();
  });

  it('publishes within milliseconds of a nudge, long before the next poll', async () => {
    const slow = new OutboxRelay({ orm: db.orm, transport, logger, pollIntervalMs: 60_000 });
    slow.start();
    await new Promise((r) => setTimeout(r, 50)); // the first pass ran; now it sleeps a minute
    const [e] = await rename(db.orm, ['J']);
    const t0 = Date.now();
    slow.nudge();
    await waitFor(async () => expect((await stream()).map((s) => s.envelope.id)).toContain(e.id), { intervalMs: 5 });
    expect(Date.now() - t0).toBeLessThan(1_000);
    await slow.stop();
  });

  if (dialect === 'postgresql') {
    it('two relay replicas never publish the same row, and keep the order', async () => {
      const before = (await stream()).length;
      const ormB = await db.open();
      const a = new FaultyTransport(nt);
      const b = new FaultyTransport(nt);
      const relayA = new OutboxRelay({ orm: db.orm, transport: a, logger, batchSize: 10 });
      const relayB = new OutboxRelay({ orm: ormB, transport: b, logger, batchSize: 10 });
      const envelopes = await rename(
        db.orm,
        Array.from({ length: 60 }, (_, i) => `N${i}`),
      );
      await Promise.all([relayA.drain(), relayB.drain(), relayA.drain(), relayB.drain()]);
      // SKIP LOCKED: no row was sent twice, even before the stream's dedupe.
      const sent = [...a.publishCalls, ...b.publishCalls].map((e) => e.id);
      expect(sent.length).toBe(60);
      expect(new Set(sent).size).toBe(60);
      const stored = (await stream()).slice(before);
      expect(stored.map((s) => s.envelope.id)).toEqual(envelopes.map((e) => e.id));
    });

    it('a replica that stood back behind another one publishing publishes its own rows right after, not at its next poll', async () => {
      const before = (await stream()).length;
      const ormB = await db.open();
      const a = new FaultyTransport(nt);
      // Both sleep a minute between polls: only nudges (and the retry under test) start a pass.
      const relayA = new OutboxRelay({ orm: db.orm, transport: a, logger, pollIntervalMs: 60_000 });
      const relayB = new OutboxRelay({ orm: ormB, transport: nt, logger, pollIntervalMs: 60_000 });
      relayA.start();
      relayB.start();
      await new Promise((r) => setTimeout(r, 50)); // their first passes found nothing
      try {
        const release = a.holdPublishes();
        const [p] = await rename(db.orm, ['P']);
        relayA.nudge();
        await waitFor(() => expect(a.held).toBe(1)); // A holds P's row, mid-publish
        const [q] = await rename(ormB, ['Q']);
        relayB.nudge(); // B takes Q but P is still pending under A's lock: it must stand back
        await new Promise((r) => setTimeout(r, 200));
        expect((await stream()).length).toBe(before);
        release(); // A publishes P and commits; nothing nudges B again
        await waitFor(async () => expect((await stream()).slice(before).map((s) => s.envelope.id)).toEqual([p.id, q.id]));
      } finally {
        await relayA.stop();
        await relayB.stop();
      }
    });
  }
});
