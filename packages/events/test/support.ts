// Shared set-up for the integration suites: real PostgreSQL / SQLite
// databases with the event tables plus a tiny "effect" model, real NATS
// streams, and a transport wrapper that injects failures.
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { createLogger, type Logger } from '@linli/platform';
import { createTestDatabase, createTestSqliteFile } from '@linli/testing';
import { eventEntities, type DeliveryHandler, type EventEnvelope, type EventTransport, type SubscribeOptions, type Subscription, type TailHandler, type TailOptions } from '../src';

export const logger: Logger = createLogger('events-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** A row whose value the handlers increment: the "effect" that must happen exactly once per event. */
export interface CounterRecord {
  id: string;
  value: number;
}
export const Counter = new EntitySchema<CounterRecord>({
  name: 'Counter',
  tableName: 'counter',
  properties: { id: { type: 'string', primary: true }, value: { type: 'integer' } },
});

/** One row per application of an effect, so a double application is visible per event. */
export interface EffectRecord {
  id: number;
  consumer: string;
  eventId: string;
  replica: string;
}
export const Effect = new EntitySchema<EffectRecord>({
  name: 'Effect',
  tableName: 'effect',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    consumer: { type: 'string' },
    eventId: { type: 'string' },
    replica: { type: 'string' },
  },
});

export const testEntities = [...eventEntities, Counter, Effect];

export type Dialect = 'postgresql' | 'sqlite';

export interface TestDb {
  dialect: Dialect;
  /** Opens another ORM on the same database (a second service replica). */
  open(): Promise<MikroORM>;
  orm: MikroORM;
  close(): Promise<void>;
}

/** A fresh database of the given kind with the schema created, and a way to open more replicas on it. */
export async function createDb(dialect: Dialect, label: string): Promise<TestDb> {
  const opened: MikroORM[] = [];
  let location: string;
  let dispose: () => Promise<void>;
  if (dialect === 'postgresql') {
    const db = await createTestDatabase(label);
    location = db.url;
    dispose = db.drop;
  } else {
    const file = createTestSqliteFile(label);
    location = file.path;
    dispose = file.cleanup;
  }
  const open = async () => {
    const orm =
      dialect === 'postgresql'
        ? await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: location, entities: testEntities, allowGlobalContext: false, pool: { min: 0, max: 5 } })
        : await MikroORM.init({ driver: LibSqlDriver, dbName: location, entities: testEntities, allowGlobalContext: false });
    opened.push(orm as MikroORM);
    return orm as MikroORM;
  };
  const orm = await open();
  await orm.schema.createSchema();
  return {
    dialect,
    orm,
    open,
    close: async () => {
      for (const o of opened) await o.close(true);
      await dispose();
    },
  };
}

export async function counterValue(orm: MikroORM, id = 'c'): Promise<number> {
  const row = await orm.em.fork().findOne(Counter, { id });
  return row?.value ?? 0;
}

export async function withJsm<T>(servers: string, work: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connect({ servers });
  try {
    return await work(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

export interface StoredEvent {
  seq: number;
  subject: string;
  msgId: string | undefined;
  envelope: EventEnvelope;
}

/** Every message of a stream, in stream order. */
export async function readStream(servers: string, stream: string): Promise<StoredEvent[]> {
  return withJsm(servers, async (jsm) => {
    const info = await jsm.streams.info(stream);
    const out: StoredEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      if (!m) continue;
      out.push({ seq: m.seq, subject: m.subject, msgId: m.header?.get('Nats-Msg-Id') || undefined, envelope: m.json<EventEnvelope>() });
    }
    return out;
  });
}

/** Pending and unacknowledged counts of a durable consumer. */
export async function consumerBacklog(servers: string, stream: string, consumer: string): Promise<{ pending: number; ackPending: number }> {
  return withJsm(servers, async (jsm) => {
    const info = await jsm.consumers.info(stream, consumer);
    return { pending: info.num_pending, ackPending: info.num_ack_pending };
  });
}

/**
 * Wraps a real transport to inject faults: failing publishes, and handlers
 * whose work committed but whose acknowledgement is "lost" (the wrapper
 * throws after the handler succeeded, so the transport redelivers).
 */
export class FaultyTransport implements EventTransport {
  publishCalls: EventEnvelope[] = [];
  /** Publishes to fail, by 1-based call number from now on. */
  failPublishes = new Set<number>();
  private calls = 0;
  /** Publishes waiting at the gate of `holdPublishes`. */
  held = 0;
  private gate: Promise<void> | null = null;
  /** Envelope ids whose next successful handling "loses" its ack once. */
  loseAckOnce = new Set<string>();
  deliveries: Array<{ eventId: string; deliveryCount: number }> = [];

  constructor(private readonly inner: EventTransport) {}

  get subjectPrefix(): string {
    return this.inner.subjectPrefix;
  }

  failNextPublishes(...nth: number[]): void {
    this.calls = 0;
    this.failPublishes = new Set(nth);
  }

  /** Publishes from now on wait (a slow stream) until the returned function is called. */
  holdPublishes(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  async publish(subject: string, envelope: EventEnvelope): Promise<void> {
    this.calls++;
    if (this.gate) {
      this.held++;
      await this.gate;
    }
    if (this.failPublishes.has(this.calls)) throw new Error(`injected publish failure #${this.calls}`);
    await this.inner.publish(subject, envelope);
    this.publishCalls.push(envelope);
  }

  subscribe(consumer: string, handler: DeliveryHandler, opts?: SubscribeOptions): Promise<Subscription> {
    return this.inner.subscribe(
      consumer,
      async (env, delivery) => {
        this.deliveries.push({ eventId: env.id, deliveryCount: delivery.deliveryCount });
        await handler(env, delivery);
        if (this.loseAckOnce.delete(env.id)) throw new Error('injected: ack lost after the effect committed');
      },
      opts,
    );
  }

  tail(handler: TailHandler, opts: TailOptions): Promise<Subscription> {
    return this.inner.tail(handler, opts);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Publishes straight to JetStream without a msgID, so the stream keeps every copy (duplicates the outbox would never create). */
export async function publishRaw(servers: string, subject: string, data: string, times = 1): Promise<void> {
  const nc = await connect({ servers });
  try {
    const js = jetstream(nc);
    for (let i = 0; i < times; i++) await js.publish(subject, data);
  } finally {
    await nc.close();
  }
}
