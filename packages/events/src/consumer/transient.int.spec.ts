import { refuseConnections } from '@linli/testing';
import { createEnvelope, defineEvent, subjectFor } from '../contracts/envelope';
import { InProcessTransport } from '../transport/in-process.transport';
import { DeadLetterEvent } from '../dead-letter/dead-letter.entity';
import { startConsumer } from './idempotent';
import { Counter, counterValue, createDb, logger, type TestDb } from '../../test/support';

const Bumped = defineEvent<{ n: number }>()('tickets.counter.bumped', 1, 'test event');
describe('a handler failing because its database is away (PostgreSQL)', () => {
  let db: TestDb;
  let bus: InProcessTransport;
  beforeAll(async () => {
    db = await createDb('postgresql', 'transient');
  });
  afterAll(async () => {
    await bus?.close();
    await db?.close();
  });

  it('waits and retries until the database is back, spending no delivery attempt and dead-lettering nothing', async () => {
    bus = new InProcessTransport({ logger, redeliveryBaseMs: 5 });
    const dead: string[] = [];
    const consumer = await startConsumer({
      orm: db.orm,
      transport: bus,
      consumer: 'transient',
      logger,
      maxDeliver: 2,
      maxTransientBackoffMs: 200,
      onDeadLetter: (d) => dead.push(d.error),
      handlers: {
        [Bumped.type]: async (em) => {
          const row = (await em.findOne(Counter, { id: 'c' })) ?? em.create(Counter, { id: 'c', value: 0 });
          row.value += 1;
        },
      },
    });
    const url = String(db.orm.config.get('clientUrl'));
    const restore = await refuseConnections(new URL(url).pathname.slice(1));
    const published = Promise.all(Array.from({ length: 5 }, (_, n) => bus.publish(subjectFor('linli', Bumped), createEnvelope(Bumped, { n }, { source: 'tickets' }))));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(consumer.waiting).toBe(true);
    await restore();
    await published;
    expect(await counterValue(db.orm)).toBe(5);
    expect(dead).toEqual([]);
    expect(await db.orm.em.fork().count(DeadLetterEvent, {})).toBe(0);
    expect(consumer.waiting).toBe(false);
    await consumer.stop();
  }, 60_000);
});
