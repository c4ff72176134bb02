import { Client } from 'pg';
import { createEnvelope, defineEvent, subjectFor } from '../contracts/envelope';
import { InProcessTransport } from '../transport/in-process.transport';
import { DeadLetterEvent } from '../dead-letter/dead-letter.entity';
import { startConsumer } from './idempotent';
import { Counter, counterValue, createDb, logger, type TestDb } from '../../test/support';

const Bumped = defineEvent<{ n: number }>()('tickets.counter.bumped', 1, 'test event');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The database refuses connections and drops the open ones until the returned function restores it. */
async function refuseConnections(url: string): Promise<() => Promise<void>> {
  const database = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  return async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await admin.end();
  };
}

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
    const restore = await refuseConnections(url);
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
