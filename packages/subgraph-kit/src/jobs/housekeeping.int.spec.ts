import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { IdempotentRequest, OutboxEvent, ProcessedEvent, eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestTarget, DRIVERS } from '@linli/testing';
import { openDatabase } from '../db/orm';
import { pruneEvents } from './housekeeping';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-01T00:00:00.000Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

/** Pruning on both databases: only relayed rows, marks and Idempotency-Keys past their retention go; two replicas' passes split the work. */
describe.each(DRIVERS)('pruning relayed events, processed-event marks and Idempotency-Keys (%s)', (driver) => {
  let orm: MikroORM;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const { target, drop: dropDb } = await createTestTarget(driver, 'prune');
    drop = dropDb;
    orm = await openDatabase({ service: 'prunetest', target, entities: [...eventEntities], migrations: [], logger: createLogger('t', 'silent') });
    await orm.schema.updateSchema();
  });
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });

  it('deletes relayed rows and marks older than their retention, batch by batch, and nothing else', async () => {
    const em = orm.em.fork();
    const event = (publishedAt: Date | null, occurredAt: Date) =>
      em.create(OutboxEvent, { id: randomUUID(), type: 't.x.done', version: 1, source: 't', payload: {}, occurredAt, correlationId: null, publishedAt });
    for (let i = 0; i < 7; i++) event(ago(200 + i), ago(200 + i)); // relayed long ago: pruned
    event(ago(10), ago(10)); // relayed recently: kept
    event(null, ago(500)); // never relayed: kept whatever its age
    for (let i = 0; i < 5; i++) em.create(ProcessedEvent, { consumer: 'c', eventId: randomUUID(), processedAt: ago(800 + i) });
    em.create(ProcessedEvent, { consumer: 'c', eventId: randomUUID(), processedAt: ago(1) });
    // Idempotency-Keys are kept the contract's 24 h per caller: older ones go, a fresh one (and its caller's other keys) stay.
    const key = (callerSub: string, k: string, hours: number) =>
      em.create(IdempotentRequest, { callerSub, key: k, requestHash: 'h'.repeat(64), response: '{}', createdAt: ago(hours) });
    for (let i = 0; i < 4; i++) key('alice', `old-${i}`, 25 + i);
    key('bob', 'old-0', 24.1);
    key('alice', 'fresh', 23);
    key('bob', 'fresh', 0.5);
    await em.flush();

    const settings = { outboxRetentionMs: 168 * HOUR, processedRetentionMs: 720 * HOUR, intervalMs: 60_000, batchSize: 3 };
    // Two replicas at once: between them every old row goes exactly once.
    const [a, b] = await Promise.all([pruneEvents(orm.em.fork(), NOW, settings), pruneEvents(orm.em.fork(), NOW, settings)]);
    expect(a.outbox + b.outbox).toBe(7);
    expect(a.processed + b.processed).toBe(5);
    expect(a.idempotency + b.idempotency).toBe(5);

    const left = await orm.em.fork().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });
    expect(left.map((r) => r.publishedAt?.toISOString() ?? null)).toEqual([ago(10).toISOString(), null]);
    expect(await orm.em.fork().count(ProcessedEvent, {})).toBe(1);
    const keys = await orm.em.fork().find(IdempotentRequest, {}, { orderBy: { callerSub: 'asc' } });
    expect(keys.map((k) => `${k.callerSub}/${k.key}`)).toEqual(['alice/fresh', 'bob/fresh']);
    expect(await pruneEvents(orm.em.fork(), NOW, settings)).toEqual({ outbox: 0, processed: 0, idempotency: 0 });
  });
});
