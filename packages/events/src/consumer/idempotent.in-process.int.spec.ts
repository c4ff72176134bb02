// The same exactly-once semantics in embedded mode: SQLite databases, the
// in-process transport, and the outbox relay still in the path.
import { raw, type EntityManager } from '@mikro-orm/core';
import { waitFor } from '@linli/testing';
import { Counter, createDb, Effect, FaultyTransport, logger, sleep, type TestDb } from '../../test/support';
import { createEnvelope, subjectFor, type EventEnvelope } from '../contracts/envelope';
import { OrganisationRenamed } from '../contracts/organisations';
import { OutboxRelay } from '../outbox/relay';
import { recordEvent } from '../outbox/record';
import { ProcessedEvent } from '../processed/processed-event.entity';
import { InProcessTransport } from '../transport/in-process.transport';
import type { Subscription } from '../transport/transport';
import { startConsumer, type EventHandlers } from './idempotent';

const renamed = (organisationId: string) => createEnvelope(OrganisationRenamed, { organisationId, name: 'N' }, { source: 'organisations' });
const subject = subjectFor('linli', OrganisationRenamed);

function counting(consumer: string, opts: { delayMs?: number; failFirstAttempt?: Set<string>; alwaysFail?: boolean } = {}): EventHandlers {
  return {
    [OrganisationRenamed.type]: async (em: EntityManager, env: EventEnvelope) => {
      const id = `${consumer}:${(env.payload as { organisationId: string }).organisationId}`;
      await em.upsert(Counter, { id, value: 0 }, { onConflictAction: 'ignore' });
      await em.nativeUpdate(Counter, { id }, { value: raw('value + 1') });
      em.create(Effect, { consumer, eventId: env.id, replica: 'r1' });
      if (opts.delayMs) await sleep(opts.delayMs);
      if (opts.alwaysFail || opts.failFirstAttempt?.delete(env.id)) throw new Error('handler failed after writing its effect');
    },
  };
}

describe('idempotent consumer over the in-process transport + SQLite (embedded mode)', () => {
  let producer: TestDb;
  let consumerDb: TestDb;
  const subs: Subscription[] = [];
  const buses: InProcessTransport[] = [];
  const bus = (duplicateWindowMs?: number) => {
    const b = new InProcessTransport({ logger, duplicateWindowMs, redeliveryBaseMs: 5 });
    buses.push(b);
    return b;
  };
  const consume = async (transport: InProcessTransport | FaultyTransport, consumer: string, handlers: EventHandlers, maxDeliver = 5) => {
    const s = await startConsumer({ orm: consumerDb.orm, transport, consumer, handlers, logger, maxDeliver });
    subs.push(s);
    return s;
  };
  const counter = async (consumer: string, org: string) => (await consumerDb.orm.em.fork().findOne(Counter, { id: `${consumer}:${org}` }))?.value ?? 0;
  const effects = (consumer: string, eventId: string) => consumerDb.orm.em.fork().count(Effect, { consumer, eventId });

  beforeAll(async () => {
    producer = await createDb('sqlite', 'in-process-producer');
    consumerDb = await createDb('sqlite', 'in-process-consumer');
  });
  afterAll(async () => {
    for (const s of subs) await s.stop();
    for (const b of buses) await b.close();
    await producer?.close();
    await consumerDb?.close();
  });

  it('carries committed events from one service’s outbox to another’s handler once; rolled-back ones never', async () => {
    const b = bus();
    await consume(b, 'embedded', counting('embedded'));
    const relay = new OutboxRelay({ orm: producer.orm, transport: b, logger, pollIntervalMs: 1_000 });
    relay.start();
    const committed = await producer.orm.em.fork().transactional(async (em) => [
      recordEvent(em, OrganisationRenamed, { organisationId: 'o-1', name: 'A' }, { source: 'organisations' }),
      recordEvent(em, OrganisationRenamed, { organisationId: 'o-2', name: 'B' }, { source: 'organisations' }),
    ]);
    await expect(
      producer.orm.em.fork().transactional(async (em) => {
        recordEvent(em, OrganisationRenamed, { organisationId: 'o-rolled-back', name: 'C' }, { source: 'organisations' });
        await em.flush();
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    relay.nudge();
    await waitFor(async () => {
      expect(await counter('embedded', 'o-1')).toBe(1);
      expect(await counter('embedded', 'o-2')).toBe(1);
    });
    await relay.drain();
    await b.idle();
    expect(await counter('embedded', 'o-rolled-back')).toBe(0);
    for (const e of committed) expect(await effects('embedded', e.id)).toBe(1);
    await relay.stop();
  });

  it('applies an envelope delivered three times (dedupe window off) once', async () => {
    const b = bus(0);
    await consume(b, 'dup', counting('dup'));
    const e = renamed('o-dup');
    for (let i = 0; i < 3; i++) await b.publish(subject, e);
    await b.idle();
    expect(await counter('dup', 'o-dup')).toBe(1);
    expect(await effects('dup', e.id)).toBe(1);
  });

  it('does not repeat an effect whose acknowledgement was lost', async () => {
    const t = new FaultyTransport(bus());
    const e = renamed('o-lost-ack');
    t.loseAckOnce.add(e.id);
    await consume(t, 'lost-ack', counting('lost-ack'));
    await t.publish(subject, e);
    await waitFor(() => expect(t.deliveries.map((d) => d.deliveryCount)).toEqual([1, 2]));
    expect(await counter('lost-ack', 'o-lost-ack')).toBe(1);
    expect(await effects('lost-ack', e.id)).toBe(1);
  });

  it('rolls back a failed handling entirely and applies the retry once', async () => {
    const b = bus();
    const t = new FaultyTransport(b);
    const e = renamed('o-flaky');
    await consume(t, 'flaky', counting('flaky', { failFirstAttempt: new Set([e.id]) }));
    await t.publish(subject, e);
    await waitFor(() => expect(t.deliveries.map((d) => d.deliveryCount)).toEqual([1, 2]));
    await b.idle();
    expect(await counter('flaky', 'o-flaky')).toBe(1);
    expect(await effects('flaky', e.id)).toBe(1);
  });

  it('two subscriptions sharing a consumer name, handed the same event concurrently, apply it once', async () => {
    const b = bus(0);
    await consume(b, 'shared', counting('shared', { delayMs: 10 }));
    await consume(b, 'shared', counting('shared', { delayMs: 10 }));
    const events = Array.from({ length: 5 }, (_, i) => renamed(`o-shared-${i}`));
    for (const e of events) for (let i = 0; i < 3; i++) await b.publish(subject, e);
    await b.idle();
    for (const e of events) {
      expect(await counter('shared', (e.payload as { organisationId: string }).organisationId)).toBe(1);
      expect(await effects('shared', e.id)).toBe(1);
    }
    expect(b.deadLetters).toEqual([]);
  });

  it('dead-letters an event whose handler always fails, leaving no effect and no processed mark', async () => {
    const b = bus();
    await consume(b, 'doomed', counting('doomed', { alwaysFail: true }), 3);
    const e = renamed('o-doomed');
    await b.publish(subject, e);
    await waitFor(() => expect(b.deadLetters).toHaveLength(1));
    expect(b.deadLetters[0]).toMatchObject({ consumer: 'doomed', deliveryCount: 3, error: 'handler failed after writing its effect' });
    expect(b.deadLetters[0].envelope.id).toBe(e.id);
    expect(await counter('doomed', 'o-doomed')).toBe(0);
    expect(await consumerDb.orm.em.fork().count(ProcessedEvent, { consumer: 'doomed' })).toBe(0);
  });
});
