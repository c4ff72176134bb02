import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { eventEntities, processEnvelope, type EventEnvelope } from '@linli/events';
import { createLogger } from '@linli/platform';
import { serviceDatabaseUrl, SUBGRAPHS } from '@linli/stack';
import { openDatabase } from '@linli/subgraph-kit';
import { uniqueName, waitFor } from '@linli/testing';
import { evaluationsHandlers, FirmMonthEntity, RateCounterEntity, RectificationEntity, TICKET_COUNTER_PROPS, TicketFactEntity } from '@linli/evaluations';
import { SCALES } from '../src/scales';
import { seedBulk, type BulkSeedResult } from '../src/seed/bulk';
import { checkCounts } from '../src/seed/bulk/check';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const urlOf = (database: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
};

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/**
 * The bulk seed at `small` on real PostgreSQL: its count check passes (and
 * fails when a copy differs), and the evaluations read models it made in
 * batched transactions equal what the live consumer makes from the same
 * events, one delivery and one transaction per event (`processEnvelope`),
 * starting from the same territory.
 */
describe('bulk seed (small)', () => {
  const base = uniqueName('t', 'bulkseed', 40);
  const replayDb = `${base}_replay`;
  const events: EventEnvelope[] = [];
  const END = new Date();
  let result: BulkSeedResult;
  let seeded: MikroORM;
  let replayed: MikroORM;
  const evaluations = SUBGRAPHS.find((s) => s.name === 'evaluations')!;
  const logger = createLogger('test', 'silent');
  const open = (url: string) => openDatabase({ service: 'evaluations', target: { driver: 'postgresql', url }, entities: [...evaluations.entities, ...eventEntities], migrations: evaluations.migrations, logger });

  beforeAll(async () => {
    result = await seedBulk({
      scale: SCALES.small,
      seed: 11,
      baseUrl: urlOf(base),
      // The history ends now: the running services' schedulers find nothing of it left to do.
      endAt: END,
      observe: (batch) => events.push(...batch),
      // The evaluations database as the territory left it: the live consumer's starting point.
      // A template must have no session: a closed pool's last connection may take a moment to go.
      afterTerritory: async () => {
        await waitFor(() => admin((c) => c.query(`CREATE DATABASE "${replayDb}" TEMPLATE "${base}_evaluations"`)).then(() => true), { timeoutMs: 30_000, intervalMs: 500 });
      },
    });
    seeded = await open(serviceDatabaseUrl(urlOf(base), 'evaluations'));
    replayed = await open(urlOf(replayDb));
    const handlers = evaluationsHandlers({ react: true });
    for (const e of events) await processEnvelope(replayed.em, 'evaluations', e, handlers[e.type]);
  }, 600_000);

  afterAll(async () => {
    await seeded?.close();
    await replayed?.close();
    await admin(async (c) => {
      for (const s of SUBGRAPHS) await c.query(`DROP DATABASE IF EXISTS "${base}_${s.name}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${replayDb}" WITH (FORCE)`);
    });
  });

  it('made tickets in every state, their events, and passed its count check', () => {
    expect(result.check.ok).toBe(true);
    expect(result.check.lines.every((l) => l.startsWith('ok'))).toBe(true);
    expect(result.rows.tickets).toBeGreaterThan(100);
    expect(result.rows.events).toBe(result.rows.timeline);
    expect(events).toHaveLength(result.rows.events);
    const statuses = new Set(events.map((e) => (e.payload as { transition: { toStatus: string } }).transition.toStatus));
    expect([...statuses].sort()).toEqual(['ACCEPTED', 'CANCELLED', 'CLOSED', 'DISPATCHED', 'RESOLVED', 'SUBMITTED']);
    const actions = new Set(events.map((e) => (e.payload as { transition: { action: string } }).transition.action));
    for (const a of ['SUBMIT', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'RATE', 'CANCEL', 'ESCALATE', 'RETURN', 'REOPEN', 'AUTO_CLOSE']) expect(actions).toContain(a);
  });

  it('has no transition after the end of the history', () => {
    expect(events.filter((e) => Date.parse(e.occurredAt) > END.getTime())).toEqual([]);
  });

  it('gives evaluations the same read models as the live consumer, event by event', async () => {
    const read = async (em: EntityManager) => ({
      facts: (await em.find(TicketFactEntity, {}, { orderBy: { id: 'asc' } })).map((f) => ({ ...f })),
      rates: (await em.find(RateCounterEntity, {}, { orderBy: { dimension: 'asc', scopeId: 'asc', month: 'asc' } })).map((r) => ({ ...r })),
      firmMonths: (await em.find(FirmMonthEntity, {}, { orderBy: { firmId: 'asc', month: 'asc' } }))
        .map((m) => ({ firmId: m.firmId, month: m.month, ...Object.fromEntries(TICKET_COUNTER_PROPS.map((p) => [p, m[p]])) }))
        .filter((m) => TICKET_COUNTER_PROPS.some((p) => (m as Record<string, unknown>)[p] !== 0)),
      rectifications: (await em.find(RectificationEntity, { reason: 'REPEATED_BAD_RATINGS' }, { orderBy: { firmId: 'asc', issuedAt: 'asc' } })).map((r) => ({
        firmId: r.firmId,
        issuedAt: r.issuedAt,
        dueAt: r.dueAt,
      })),
    });
    const bulk = await read(seeded.em.fork());
    const live = await read(replayed.em.fork());
    expect(bulk.facts.length).toBe(result.rows.tickets);
    expect(bulk.rates.length).toBeGreaterThan(0);
    expect(bulk.firmMonths.length).toBeGreaterThan(0);
    expect(bulk).toEqual(live);
  });

  it('fails its count check when a copy differs', async () => {
    const url = serviceDatabaseUrl(urlOf(base), 'evaluations');
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('begin');
      await c.query('delete from ticket_fact where id = (select min(id) from ticket_fact)');
      await c.query('commit');
    } finally {
      await c.end();
    }
    const check = await checkCounts(urlOf(base));
    expect(check.ok).toBe(false);
    expect(check.lines.filter((l) => l.startsWith('DIFF')).join('\n')).toMatch(/ticket facts/);
  });
});
