import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { applyInOrder, AssessmentChanged, createEnvelope, eventEntities, OrganisationCreated, OutboxEvent, RectificationIssued, type EventEnvelope } from '@linli/events';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { createTestDatabase, seededRandom, type TestDatabase } from '@linli/testing';
import { evaluationsSubgraph } from '../subgraph';
import { evaluationsBatchHandlers, evaluationsHandlers } from '../consumers';
import { smallWorld } from '../../test/world';
import { storyEnvelopes, TicketStory } from '../../test/ticket-story';

const logger = createLogger('evaluations-test', 'warn');
const DAY = 24 * 3600 * 1000;

/**
 * Three property firms and a department (assessed, never rectified) over
 * two months: tickets resolved and rated, a third of them badly, some
 * reopened and rated again, so the trailing 30-day window crosses runs.
 */
function history(random: () => number, firms: string[], communities: string[]): EventEnvelope[] {
  const events: { at: number; e: EventEnvelope }[] = [];
  const start = Date.parse('2026-07-01T00:00:00Z');
  for (let i = 0; i < 100; i++) {
    const t0 = start + Math.floor(random() * 60 * DAY);
    const at = (hours: number) => new Date(t0 + hours * 3600_000).toISOString();
    const s = new TicketStory(randomUUID(), communities[i % communities.length], at(0));
    s.dispatch(firms[Math.floor(random() * firms.length)], at(1)).accept(at(2)).resolve(at(5));
    const score = () => (random() < 0.35 ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 3));
    if (random() < 0.15) s.reopen(at(6)).resolve(at(8));
    if (random() < 0.85) s.rate(score(), at(9 + Math.floor(random() * 48)));
    storyEnvelopes(s).forEach((e) => events.push({ at: Date.parse(e.occurredAt), e }));
  }
  return events.sort((a, b) => a.at - b.at).map((x) => x.e);
}

async function readModels(orm: MikroORM) {
  const conn = orm.em.fork().getConnection();
  const rows = async (sql: string) => JSON.parse(JSON.stringify(await conn.execute(sql)));
  return {
    tickets: await rows('select * from ticket_fact order by id'),
    firmMonths: await rows('select * from firm_month order by firm_id, month'),
    rateCounters: await rows('select * from rate_counter order by dimension, scope_id, month'),
    rectifications: await rows("select firm_id, reason, status, issued_at, due_at from rectification order by firm_id, issued_at"),
    announced: (await orm.em.fork().find(OutboxEvent, { type: RectificationIssued.type }, { orderBy: { seq: 'asc' } })).map((o) => {
      const { rectificationId: _id, ...p } = o.payload as Record<string, unknown>;
      return { ...p, correlationId: o.correlationId, causationId: o.causationId };
    }),
    // Which months were announced as moved (the live path once per event, a run once per month it moved).
    assessmentsChanged: await rows(`select distinct payload->>'firmId' as firm_id, payload->>'period' as month from outbox_event where type = '${AssessmentChanged.type}' order by 1, 2`),
  };
}

/**
 * The seed's path (`evaluationsBatchHandlers`: runs of ticket events in one
 * transaction, bad ratings decided in memory) against the live consumer's
 * (one event a transaction, the window counted in SQL): the same facts,
 * counters, rectifications and their announcements, whatever the runs' lengths.
 */
describe('evaluations: ticket runs in one transaction equal the live consumer (PostgreSQL)', () => {
  const dbs: TestDatabase[] = [];
  const orms: MikroORM[] = [];
  const open = async (name: string) => {
    const db = await createTestDatabase(name);
    dbs.push(db);
    const orm = await openDatabase({ service: 'evaluations', target: { driver: 'postgresql', url: db.url }, entities: [...evaluationsSubgraph.entities, ...eventEntities], migrations: evaluationsSubgraph.migrations, logger });
    orms.push(orm);
    return orm;
  };
  afterAll(async () => {
    for (const orm of orms) await orm.close(true);
    for (const db of dbs) await db.drop();
  });

  it.each([1, 2])('seed %i', async (seed) => {
    const random = seededRandom(seed);
    const world = smallWorld();
    const { firmA, firmB, west, east, district } = world.ids;
    const department = randomUUID();
    const setup = [...world.envelopes, createEnvelope(OrganisationCreated, { organisationId: department, name: '区住建局', kind: 'DEPARTMENT', parentId: district, ancestorIds: [district] }, { source: 'organisations', occurredAt: '2026-09-01T00:00:00Z' })];
    const events = history(random, [firmA, firmB, department], [west, east]);
    const live = await open(`eval-live-${seed}`);
    const bulk = await open(`eval-bulk-${seed}`);
    const handlers = evaluationsHandlers({ react: true });
    for (const e of [...setup, ...events]) await live.em.fork().transactional((tx) => handlers[e.type](tx, e));
    for (const e of setup) await bulk.em.fork().transactional((tx) => handlers[e.type](tx, e));
    for (let i = 0; i < events.length; ) {
      const n = 1 + Math.floor(random() * 150);
      await bulk.em.fork().transactional((tx) => applyInOrder(tx, events.slice(i, i + n), handlers, evaluationsBatchHandlers({ react: true })));
      i += n;
    }
    const expected = await readModels(live);
    expect(expected.rectifications.length).toBeGreaterThan(1);
    // Every month a firm's counters hold was announced as it moved.
    expect(expected.assessmentsChanged).toEqual(expected.firmMonths.map((r: { firm_id: string; month: string }) => ({ firm_id: r.firm_id, month: r.month })));
    expect(await readModels(bulk)).toEqual(expected);
  }, 180_000);
});
