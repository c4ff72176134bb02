// The key guarantee: over real NATS JetStream and real PostgreSQL, an
// event's effect is applied exactly once per consumer, whatever the
// transport redelivers.
import { raw, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { createTestNats, waitFor } from '@linli/testing';
import { consumerBacklog, Counter, createDb, Effect, FaultyTransport, logger, publishRaw, sleep, type TestDb } from '../../test/support';
import { createEnvelope, parseEnvelope, subjectFor, type EventEnvelope } from '../contracts/envelope';
import { OrganisationRenamed, PersonRegistered } from '../contracts/organisations';
import { ProcessedEvent } from '../processed/processed-event.entity';
import { NatsTransport } from '../transport/nats.transport';
import type { Subscription } from '../transport/transport';
import { processEnvelope, startConsumer, type EventHandlers } from './idempotent';
import { OutboxEvent } from '../outbox/outbox.entity';
import { recordEvent } from '../outbox/record';

const renamed = (organisationId: string) => createEnvelope(OrganisationRenamed, { organisationId, name: 'N' }, { source: 'organisations' });

/** The effect under test: increments the consumer's counter for the organisation, and logs one row per application. */
function counting(consumer: string, opts: { replica?: string; delayMs?: number; failFirstAttempt?: Set<string> } = {}): EventHandlers {
  return {
    [OrganisationRenamed.type]: async (em: EntityManager, env: EventEnvelope) => {
      const id = `${consumer}:${(env.payload as { organisationId: string }).organisationId}`;
      await em.upsert(Counter, { id, value: 0 }, { onConflictAction: 'ignore' });
      await em.nativeUpdate(Counter, { id }, { value: raw('value + 1') });
      em.create(Effect, { consumer, eventId: env.id, replica: opts.replica ?? 'r1' });
      if (opts.delayMs) await sleep(opts.delayMs); // widen the window in which replicas race
      if (opts.failFirstAttempt?.delete(env.id)) throw new Error('handler failed after writing its effect');
    },
  };
}

describe('idempotent consumer over real NATS + PostgreSQL', () => {
  const nats = createTestNats('idempotent');
  let db: TestDb;
  const transports: NatsTransport[] = [];
  const subs: Subscription[] = [];
  const subject = () => subjectFor(nats.subjectPrefix, OrganisationRenamed);

  const open = async () => {
    const t = await NatsTransport.connect({ servers: nats.servers, streamName: nats.streamName, subjectPrefix: nats.subjectPrefix, logger, redeliveryBaseMs: 20 });
    transports.push(t);
    return t;
  };
  const consume = async (orm: MikroORM, transport: NatsTransport | FaultyTransport, consumer: string, handlers: EventHandlers, ackWaitMs = 2_000, batch = 10) => {
    const s = await startConsumer({ orm, transport, consumer, handlers, logger, maxDeliver: 5, ackWaitMs, batch });
    subs.push(s);
    return s;
  };
  const drained = (consumer: string) =>
    waitFor(async () => expect(await consumerBacklog(nats.servers, nats.streamName, consumer)).toEqual({ pending: 0, ackPending: 0 }), { timeoutMs: 10_000 });
  const counter = async (consumer: string, org: string) => (await db.orm.em.fork().findOne(Counter, { id: `${consumer}:${org}` }))?.value ?? 0;
  const effects = (consumer: string, eventId: string) => db.orm.em.fork().count(Effect, { consumer, eventId });

  beforeAll(async () => {
    db = await createDb('postgresql', 'idempotent');
  });
  afterAll(async () => {
    for (const s of subs) await s.stop();
    for (const t of transports) await t.close();
    await db?.close();
    await nats.cleanup();
  });

  it('applies an event stored three times in the stream (no msgID dedupe) once', async () => {
    const t = await open();
    const e = renamed('org-dup');
    await publishRaw(nats.servers, subject(), JSON.stringify(e), 3);
    const deliveries = new FaultyTransport(t);
    await consume(db.orm, deliveries, 'dup', counting('dup'));
    await drained('dup');
    expect(deliveries.deliveries.filter((d) => d.eventId === e.id)).toHaveLength(3);
    expect(await counter('dup', 'org-dup')).toBe(1);
    expect(await effects('dup', e.id)).toBe(1);
    expect(await db.orm.em.fork().count(ProcessedEvent, { consumer: 'dup', eventId: e.id })).toBe(1);
  });

  it('does not repeat an effect that committed when its ack was lost and JetStream redelivered', async () => {
    const t = new FaultyTransport(await open());
    const e = renamed('org-lost-ack');
    t.loseAckOnce.add(e.id);
    await consume(db.orm, t, 'lost-ack', counting('lost-ack'));
    await t.publish(subject(), e);
    await drained('lost-ack');
    expect(t.deliveries.filter((d) => d.eventId === e.id).map((d) => d.deliveryCount)).toEqual([1, 2]);
    expect(await counter('lost-ack', 'org-lost-ack')).toBe(1);
    expect(await effects('lost-ack', e.id)).toBe(1);
  });

  it('does not repeat an effect when a replica crashed after commit, before ack (redelivered after ack_wait)', async () => {
    const t = await open();
    // Create the durable (ack_wait 1 s) and let it pass over the earlier tests' events.
    const setup = await t.subscribe('crash', async () => undefined, { ackWaitMs: 1_000, maxDeliver: 5 });
    await drained('crash');
    await setup.stop();

    const e = renamed('org-crash');
    await t.publish(subject(), e);
    // The "crashing replica": pulls the event, commits the effect, dies without acking.
    const nc = await connect({ servers: nats.servers });
    const consumer = await jetstream(nc).consumers.get(nats.streamName, 'crash');
    for (;;) {
      const m = await consumer.next({ expires: 5_000 });
      if (!m) throw new Error('event not delivered');
      const env = parseEnvelope(m.json());
      if (env.id !== e.id) {
        m.ack();
        continue;
      }
      expect(await processEnvelope(db.orm.em, 'crash', env, counting('crash')[OrganisationRenamed.type])).toBe('applied');
      break;
    }
    await nc.close(); // no ack ever sent
    expect(await counter('crash', 'org-crash')).toBe(1);

    const survivor = new FaultyTransport(t);
    await consume(db.orm, survivor, 'crash', counting('crash'), 1_000);
    await waitFor(() => expect(survivor.deliveries.find((d) => d.eventId === e.id)?.deliveryCount).toBe(2), { timeoutMs: 5_000 });
    await drained('crash');
    expect(await counter('crash', 'org-crash')).toBe(1);
    expect(await effects('crash', e.id)).toBe(1);
  });

  it('rolls back the effect and the processed mark together when the handler fails, and applies it once on retry', async () => {
    const t = new FaultyTransport(await open());
    const e = renamed('org-flaky');
    await consume(db.orm, t, 'flaky', counting('flaky', { failFirstAttempt: new Set([e.id]) }));
    await t.publish(subject(), e);
    await drained('flaky');
    expect(t.deliveries.filter((d) => d.eventId === e.id).map((d) => d.deliveryCount)).toEqual([1, 2]);
    expect(await counter('flaky', 'org-flaky')).toBe(1);
    expect(await effects('flaky', e.id)).toBe(1);
  });

  it('two replicas (own connections and ORMs) racing on duplicated events apply each once', async () => {
    const ormB = await db.open();
    const [ta, tb] = [new FaultyTransport(await open()), new FaultyTransport(await open())];
    // One message at a time per replica, and the copies of an event side by
    // side in the stream: the two replicas hold copies of the same event at
    // the same time, and the slower one meets the other's claim.
    await consume(db.orm, ta, 'race', counting('race', { replica: 'a', delayMs: 30 }), 2_000, 1);
    await consume(ormB, tb, 'race', counting('race', { replica: 'b', delayMs: 30 }), 2_000, 1);
    const events = Array.from({ length: 10 }, (_, i) => renamed(`org-race-${i}`));
    for (const e of events) await publishRaw(nats.servers, subject(), JSON.stringify(e), 3);
    await drained('race');
    const delivered = [...ta.deliveries, ...tb.deliveries].filter((d) => events.some((e) => e.id === d.eventId));
    expect(delivered.length).toBeGreaterThanOrEqual(30);
    expect(ta.deliveries.length).toBeGreaterThan(0);
    expect(tb.deliveries.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(await counter('race', (e.payload as { organisationId: string }).organisationId)).toBe(1);
      expect(await effects('race', e.id)).toBe(1);
    }
  });

  it('acknowledges and ignores events it has no handler for', async () => {
    const t = await open();
    await consume(db.orm, t, 'partial', counting('partial'));
    const p = createEnvelope(PersonRegistered, { personId: 'p-1', name: 'Ann' }, { source: 'organisations' });
    await t.publish(subjectFor(nats.subjectPrefix, PersonRegistered), p);
    await drained('partial');
    expect(await db.orm.em.fork().count(ProcessedEvent, { consumer: 'partial', eventId: p.id })).toBe(0);
  });

  it('tells the service after the commit when the handler recorded events, and only then', async () => {
    const told: number[] = [];
    const outboxRows = () => db.orm.em.fork().count(OutboxEvent, {});
    const recording: EventHandlers = {
      [OrganisationRenamed.type]: async (em, e) => {
        if ((e.payload as { organisationId: string }).organisationId === 'announces') {
          recordEvent(em, PersonRegistered, { personId: 'p-told', name: 'Told' }, { source: 'organisations' });
        }
        if ((e.payload as { organisationId: string }).organisationId === 'fails') {
          recordEvent(em, PersonRegistered, { personId: 'p-never', name: 'Never' }, { source: 'organisations' });
          throw new Error('handler failed');
        }
      },
    };
    const before = await outboxRows();
    // Told once its row is committed: the relay's pass started from the callback sees it.
    const onRecorded = () => void outboxRows().then((n) => told.push(n));
    await processEnvelope(db.orm.em, 'told', renamed('quiet'), recording[OrganisationRenamed.type], onRecorded);
    await expect(processEnvelope(db.orm.em, 'told', renamed('fails'), recording[OrganisationRenamed.type], onRecorded)).rejects.toThrow('handler failed');
    await processEnvelope(db.orm.em, 'told', renamed('announces'), recording[OrganisationRenamed.type], onRecorded);
    await waitFor(async () => told.length === 1);
    await sleep(50);
    expect(told).toEqual([before + 1]);
  });
});
