import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { eventEntities, NatsTransport, OutboxEvent, ProcessedEvent, subjectFor, type EventEnvelope } from '@linli/events';
import { createLogger, DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { openDatabase, startSubgraph, type RunningSubgraph } from '@linli/subgraph-kit';
import { createTestDatabase, createTestNats, mintToken, waitFor, type TestDatabase, type TestNats } from '@linli/testing';
import { evaluationsSubgraph } from '../subgraph';
import { RectificationEntity } from '../rectification/rectification.entity';
import { smallWorld } from '../../test/world';
import { storyEnvelopes, TicketStory } from '../../test/ticket-story';
import { rebuildReadModels } from './rebuild';

const logger = createLogger('evaluations-test', 'warn');

/** Every read-model table, rows in a stable order, values as plain JSON. */
async function readModels(orm: MikroORM) {
  const conn = orm.em.fork().getConnection();
  const rows = async (sql: string) => JSON.parse(JSON.stringify(await conn.execute(sql)));
  return {
    orgNodes: await rows('select id, name, kind, parent_id, path from org_node order by id'),
    compounds: await rows('select id, name, community_id, property_firm_id from compound order by id'),
    tickets: (await rows('select * from ticket_fact order by id')).map((t: any) => ({ ...t, dispatches: [...t.dispatches].sort((a: any, b: any) => `${a.firmId}${a.month}`.localeCompare(`${b.firmId}${b.month}`)) })),
    firmMonths: await rows('select * from firm_month order by firm_id, month'),
    rateCounters: await rows('select * from rate_counter order by dimension, scope_id, month'),
  };
}

describe('rebuilding the evaluations read models from the stream (PostgreSQL, NATS JetStream)', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let transport: NatsTransport;
  let running: RunningSubgraph | null = null;
  const world = smallWorld();
  const { firmA, firmB, west, east, compoundA } = world.ids;

  const start = () =>
    startSubgraph(evaluationsSubgraph, {
      port: 0,
      host: '127.0.0.1',
      database: { driver: 'postgresql', url: db.url },
      transport,
      subjectPrefix: nats.subjectPrefix,
      auth: { secret: DEVELOPMENT_JWT_SECRET },
      logger,
    });
  const publish = async (envelopes: readonly EventEnvelope[]) => {
    for (const e of envelopes) await transport.publish(subjectFor(nats.subjectPrefix, e), e);
  };
  const processed = (orm: MikroORM) => orm.em.fork().count(ProcessedEvent, { consumer: 'evaluations' });

  beforeAll(async () => {
    db = await createTestDatabase('evaluations-rebuild');
    nats = createTestNats('evaluations-rebuild');
    transport = await NatsTransport.connect({ servers: nats.servers, streamName: nats.streamName, subjectPrefix: nats.subjectPrefix, logger });
    running = await start();
  });
  afterAll(async () => {
    await running?.close();
    await transport?.close();
    await nats?.cleanup();
    await db?.drop();
  });

  it('arrives at the same numbers, keeps what the subgraph recorded itself, and issues nothing twice', async () => {
    // Forty tickets over two months and two firms: re-dispatched, returned, reopened, cancelled, rated well and badly.
    const stories: TicketStory[] = [];
    for (let i = 0; i < 40; i++) {
      const day = String(1 + (i % 27)).padStart(2, '0');
      const month = i % 2 ? '10' : '11';
      const at = (h: number) => `2026-${month}-${day}T${String(h).padStart(2, '0')}:00:00+08:00`;
      const s = new TicketStory(randomUUID(), i % 3 ? west : east, at(1));
      if (i % 7 === 0) {
        stories.push(s.cancel(at(2)));
        continue;
      }
      s.dispatch(i % 4 ? firmA : firmB, at(2));
      if (i % 5 === 0) s.giveBack(at(3)).dispatch(firmB, at(4));
      s.accept(at(i % 6 === 0 ? 23 : 5)).resolve(at(i % 8 === 0 ? 23 : 9));
      if (i % 9 === 0) s.reopen(at(10)).resolve(at(11));
      if (i % 10 !== 3) s.rate(1 + (i % 5), at(12));
      stories.push(s);
    }
    const envelopes = [...world.envelopes, ...stories.flatMap(storyEnvelopes)];
    await publish(envelopes);
    await waitFor(async () => expect(await processed(running!.orm)).toBe(envelopes.length), { timeoutMs: 20_000, intervalMs: 100 });

    // The subgraph's own records: an inspection, and the rectifications its consumer issued.
    const token = await mintToken({ sub: 'admin', roles: ['SYSTEM_ADMIN'] });
    const res = await fetch(running!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { inspection { score } } }',
        variables: { i: { firmId: firmA, compoundId: compoundA, at: '2026-11-03T10:00:00+08:00', items: [{ item: '保洁', score: 70 }] } },
      }),
    });
    expect(((await res.json()) as any).data.recordInspection.inspection.score).toBe(70);
    const rectifications = await running!.orm.em.fork().find(RectificationEntity, {}, { orderBy: { id: 'asc' } });
    expect(rectifications.length).toBeGreaterThan(0);
    const issued = await running!.orm.em.fork().count(OutboxEvent, { source: 'evaluations' });

    const before = await readModels(running!.orm);
    expect(before.tickets).toHaveLength(40);
    await running!.close();
    running = null;

    const orm = await openDatabase({ service: 'evaluations', target: { driver: 'postgresql', url: db.url }, entities: [...evaluationsSubgraph.entities, ...eventEntities], migrations: evaluationsSubgraph.migrations, logger });
    try {
      const result = await rebuildReadModels({ orm, servers: nats.servers, streamName: nats.streamName, logger });
      expect(result).toMatchObject({ firstSeq: 1, applied: envelopes.length });
      expect(await readModels(orm)).toEqual(before);
      expect(await orm.em.fork().find(RectificationEntity, {}, { orderBy: { id: 'asc' } })).toEqual(rectifications);
      expect(await orm.em.fork().count(OutboxEvent, { source: 'evaluations' })).toBe(issued);
      expect(await processed(orm)).toBe(envelopes.length);
    } finally {
      await orm.close(true);
    }

    // Back in service: the durable consumer goes on from where it was, and later events count once.
    running = await start();
    const late = new TicketStory(randomUUID(), west, '2026-11-20T08:00:00+08:00').dispatch(firmB, '2026-11-20T09:00:00+08:00').accept('2026-11-20T10:00:00+08:00').resolve('2026-11-20T11:00:00+08:00').rate(2, '2026-11-20T12:00:00+08:00');
    await publish(storyEnvelopes(late));
    await waitFor(async () => expect(await processed(running!.orm)).toBe(envelopes.length + 5), { timeoutMs: 10_000 });
    const after = await readModels(running!.orm);
    const month = (rows: any[]) => rows.find((r) => r.firm_id === firmB && r.month === '2026-11');
    expect(month(after.firmMonths).bad_ratings).toBe(month(before.firmMonths).bad_ratings + 1);
    expect(month(after.firmMonths).ticket_count).toBe(month(before.firmMonths).ticket_count + 1);
  });

  it('refuses to rebuild from a stream whose first events have aged out, unless told to', async () => {
    const nc = await connect({ servers: nats.servers });
    try {
      await (await jetstreamManager(nc)).streams.deleteMessage(nats.streamName, 1);
    } finally {
      await nc.close();
    }
    await running?.close();
    running = null;
    const orm = await openDatabase({ service: 'evaluations', target: { driver: 'postgresql', url: db.url }, entities: [...evaluationsSubgraph.entities, ...eventEntities], migrations: evaluationsSubgraph.migrations, logger });
    try {
      await expect(rebuildReadModels({ orm, servers: nats.servers, streamName: nats.streamName, logger })).rejects.toThrow(/starts at sequence 2/);
      expect((await rebuildReadModels({ orm, servers: nats.servers, streamName: nats.streamName, logger, allowPartial: true })).firstSeq).toBe(2);
    } finally {
      await orm.close(true);
    }
  });
});
