import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { eventEntities, HouseholdMemberAdded, HouseholdRegistered, PersonPlaced, processEnvelope, type EventEnvelope, type HouseholdMembershipV1, type HouseholdStateV1 } from '@linli/events';
import { createLogger, DEVELOPMENT_JWT_SECRET, monthOf } from '@linli/platform';
import { serviceDatabaseUrl, startStack, SUBGRAPHS } from '@linli/stack';
import { openDatabase } from '@linli/subgraph-kit';
import { uniqueName, waitFor } from '@linli/testing';
import { evaluationsHandlers, FirmMonthEntity, RateCounterEntity, RectificationEntity, TICKET_COUNTER_PROPS, TicketFactEntity } from '@linli/evaluations';
import { GraphQLClient, type Caller } from '../src/client';
import { SCALES } from '../src/scales';
import { seedBulk, type BulkSeedResult } from '../src/seed/bulk';
import { checkCounts } from '../src/seed/bulk/check';
import { checkFees } from '../src/seed/bulk/fees.check';
import { TARGETS } from '../src/seed/bulk/fees.plan';
import { contractOperation } from '../src/contract';

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

// A template must have no session: a closed pool's last connection may take a moment to go.
const copyDatabase = (from: string, to: string) =>
  waitFor(() => admin((c) => c.query(`CREATE DATABASE "${to}" TEMPLATE "${from}"`)).then(() => true), { timeoutMs: 30_000, intervalMs: 500 });

async function rowsOf(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * The bulk seed at `small` on real PostgreSQL: its count check passes (and
 * fails when a copy differs), and the evaluations read models and owners'
 * copy of the register it made in batched transactions equal what the live
 * consumers make from the same events, one delivery and one transaction per
 * event (`processEnvelope`), starting from the same territory; the register
 * reads right through the running stack's gateway.
 */
describe('bulk seed (small)', () => {
  const base = uniqueName('t', 'bulkseed', 40);
  const replayDb = `${base}_replay`;
  const ownersReplayDb = `${base}_replay_owners`;
  // Organisations and notifications as the register left them: where the ticket events start.
  const orgsReplayDb = `${base}_replay_orgs`;
  const notesReplayDb = `${base}_replay_notes`;
  const events: EventEnvelope[] = [];
  // The register's events come first (before the history), then the tickets'.
  const ticketEvents = () => events.filter((e) => e.type.startsWith('tickets.'));
  const registerEvents = () => events.filter((e) => e.type.startsWith('organisations.'));
  const END = new Date();
  let result: BulkSeedResult;
  let seeded: MikroORM;
  let replayed: MikroORM;
  let ownersReplayed: MikroORM;
  const evaluations = SUBGRAPHS.find((s) => s.name === 'evaluations')!;
  const owners = SUBGRAPHS.find((s) => s.name === 'owners')!;
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
      // The evaluations and owners databases as the territory left them: the live consumers' starting point.
      afterTerritory: async () => {
        await copyDatabase(`${base}_evaluations`, replayDb);
        await copyDatabase(`${base}_owners`, ownersReplayDb);
      },
      beforeTickets: async () => {
        await copyDatabase(`${base}_organisations`, orgsReplayDb);
        await copyDatabase(`${base}_notifications`, notesReplayDb);
      },
      // A ticket's events span several batches (the batch handlers carry state across transactions through the
      // database) and a batch several of evaluations' units of 500 events (state across units in one transaction).
      batchEvents: 700,
    });
    seeded = await open(serviceDatabaseUrl(urlOf(base), 'evaluations'));
    replayed = await open(urlOf(replayDb));
    const handlers = evaluationsHandlers({ react: true });
    for (const e of events) await processEnvelope(replayed.em, 'evaluations', e, handlers[e.type]);
    ownersReplayed = await openDatabase({
      service: 'owners',
      target: { driver: 'postgresql', url: urlOf(ownersReplayDb) },
      entities: [...owners.entities, ...eventEntities],
      migrations: owners.migrations,
      logger,
    });
    for (const e of events) await processEnvelope(ownersReplayed.em, 'owners', e, owners.consumers![e.type]);
    for (const [service, db] of [['organisations', orgsReplayDb], ['notifications', notesReplayDb]] as const) {
      const def = SUBGRAPHS.find((s) => s.name === service)!;
      const orm = await openDatabase({ service, target: { driver: 'postgresql', url: urlOf(db) }, entities: [...def.entities, ...eventEntities], migrations: def.migrations, logger });
      try {
        for (const e of ticketEvents()) await processEnvelope(orm.em, service, e, def.consumers![e.type]);
      } finally {
        await orm.close();
      }
    }
  }, 600_000);

  afterAll(async () => {
    await seeded?.close();
    await replayed?.close();
    await ownersReplayed?.close();
    await admin(async (c) => {
      for (const s of SUBGRAPHS) await c.query(`DROP DATABASE IF EXISTS "${base}_${s.name}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${replayDb}" WITH (FORCE)`);
      for (const db of [ownersReplayDb, orgsReplayDb, notesReplayDb]) await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    });
  });

  it('made tickets in every state, their events, and passed its count check', () => {
    expect(result.check.ok).toBe(true);
    expect(result.check.lines.every((l) => l.startsWith('ok'))).toBe(true);
    expect(result.rows.tickets).toBeGreaterThan(100);
    expect(result.rows.events).toBe(result.rows.timeline);
    expect(ticketEvents()).toHaveLength(result.rows.events);
    expect(registerEvents()).toHaveLength(result.rows.householdEvents);
    expect(events).toHaveLength(result.rows.events + result.rows.householdEvents);
    const statuses = new Set(ticketEvents().map((e) => (e.payload as { transition: { toStatus: string } }).transition.toStatus));
    expect([...statuses].sort()).toEqual(['ACCEPTED', 'CANCELLED', 'CLOSED', 'DISPATCHED', 'RESOLVED', 'SUBMITTED']);
    const actions = new Set(ticketEvents().map((e) => (e.payload as { transition: { action: string } }).transition.action));
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

  it("gives organisations the same reporters' placements, and announces each person's last one, as the live consumer event by event", async () => {
    const ids = ticketEvents().map((e) => e.id);
    const read = async (url: string) => ({
      affiliations: await rowsOf(url, `select person_id, organisation_id, ref, source, until from person_affiliation where source in ('TICKET', 'DISPATCH') order by 1, 2, 3`),
      // Each person's newest announcement caused by a ticket event: what the copies in grids and tickets end with.
      placed: await rowsOf(
        url,
        `select distinct on (payload->>'personId') payload->>'personId' as person, payload->'organisationIds' as organisations, payload->>'asOf' as as_of
           from outbox_event where type = $1 and correlation_id = any($2) order by payload->>'personId', payload->>'asOf' desc, seq desc`,
        [PersonPlaced.type, ids],
      ),
    });
    const bulk = await read(serviceDatabaseUrl(urlOf(base), 'organisations'));
    const live = await read(urlOf(orgsReplayDb));
    expect(bulk.affiliations.filter((a) => a.source === 'DISPATCH').length).toBeGreaterThan(0);
    expect(bulk.placed.length).toBeGreaterThan(5);
    expect(bulk).toEqual(live);
  });

  it("delivered what the services recorded: grids' and tickets' copies hold each person's newest placement, every outbox is published", async () => {
    const newest = await rowsOf(
      serviceDatabaseUrl(urlOf(base), 'organisations'),
      `select distinct on (payload->>'personId') payload->>'personId' as person, payload->'organisationIds' as organisations, (payload->>'asOf')::timestamptz as as_of
         from outbox_event where type = $1 order by payload->>'personId', (payload->>'asOf')::timestamptz desc, seq desc`,
      [PersonPlaced.type],
    );
    expect(newest.length).toBeGreaterThan(20);
    const expected = newest.map((r) => ({ person: r.person, organisations: [...(r.organisations as string[])].sort(), asOf: (r.as_of as Date).toISOString() }));
    for (const service of ['grids', 'tickets']) {
      const copy = await rowsOf(serviceDatabaseUrl(urlOf(base), service), 'select person_id, organisation_ids, as_of from person_placement where person_id = any($1) order by person_id', [
        newest.map((r) => r.person),
      ]);
      expect({ service, copy: copy.map((r) => ({ person: r.person_id, organisations: JSON.parse(r.organisation_ids as string), asOf: (r.as_of as Date).toISOString() })) }).toEqual({
        service,
        copy: expected,
      });
    }
    for (const s of SUBGRAPHS) {
      const [{ n }] = await rowsOf(serviceDatabaseUrl(urlOf(base), s.name), 'select count(*)::int as n from outbox_event where published_at is null');
      expect({ service: s.name, unpublished: n }).toEqual({ service: s.name, unpublished: 0 });
    }
    expect(result.rows.deliveredEvents).toBeGreaterThan(0);
  });

  it('gives notifications the same notifications and inbox counts as the live consumer event by event', async () => {
    const ids = ticketEvents().map((e) => e.id);
    const read = async (url: string) => ({
      notifications: await rowsOf(url, `select event_id, recipient, kind, title, body, ticket_id, organisation_id from notification where event_id = any($1) order by 1, 2, 3`, [ids]),
      // Inbox totals less what came from other events (the proposals delivered at the end of the seed).
      inboxes: await rowsOf(
        url,
        `select * from (select recipient, total - (select count(*) from notification n where n.recipient = i.recipient and n.event_id <> all($1))::int as from_tickets
           from inbox_counter i) x where from_tickets <> 0 order by 1`,
        [ids],
      ),
    });
    const bulk = await read(serviceDatabaseUrl(urlOf(base), 'notifications'));
    const live = await read(urlOf(notesReplayDb));
    expect(bulk.notifications.length).toBeGreaterThan(100);
    expect(bulk).toEqual(live);
  });

  it('seeded the owners year: proposals in every state, payments at 70–98 % collection, spending under passed proposals', async () => {
    expect(Object.keys(result.fees.proposals).sort()).toEqual([...TARGETS].sort());
    expect(result.fees.payments).toBeGreaterThan(100);
    expect(result.fees.spentCents).toBeGreaterThan(0);
    expect(result.check.lines.filter((l) => l.includes('owners')).length).toBeGreaterThan(10);
    const owners = new Client({ connectionString: serviceDatabaseUrl(urlOf(base), 'owners') });
    await owners.connect();
    try {
      // Per compound over the complete months: between 60 and 100 % (5 households a compound at `small`), 70–98 % for the district.
      const rates = (await owners.query(`select sum(paid_cents)::float / sum(due_cents) as rate from fee_month where month < $1 group by compound_id`, [monthOf(END)])).rows.map((r) => r.rate as number);
      expect(rates.length).toBeGreaterThan(10);
      for (const r of rates) expect(r).toBeGreaterThanOrEqual(0.55);
      const [{ rate }] = (await owners.query(`select sum(paid_cents)::float / sum(due_cents) as rate from fee_month where month < $1`, [monthOf(END)])).rows;
      expect(rate).toBeGreaterThanOrEqual(0.7);
      expect(rate).toBeLessThanOrEqual(0.98);
      const [{ n }] = (await owners.query(`select count(*)::int as n from proposal p join fee_rate r on r.proposal_id = p.id where p.kind = 'FEE_CHANGE' and p.status = 'PASSED'`)).rows;
      expect(n).toBeGreaterThan(0);
    } finally {
      await owners.end();
    }
    // Opening and deciding votes went through the outbox to notifications: the electorate's owners were told.
    const notifications = new Client({ connectionString: serviceDatabaseUrl(urlOf(base), 'notifications') });
    await notifications.connect();
    try {
      const kinds = (await notifications.query(`select distinct kind from notification where kind in ('VOTING_OPENED', 'PROPOSAL_DECIDED') order by 1`)).rows.map((r) => r.kind);
      expect(kinds).toEqual(['PROPOSAL_DECIDED', 'VOTING_OPENED']);
    } finally {
      await notifications.end();
    }
  });

  it('answers FeeCollection, through the gateway, with the seeded figures for the district and a community', async () => {
    const stack = await startStack({ databases: { driver: 'postgresql', baseUrl: urlOf(base) }, events: { kind: 'in-process' }, logger });
    const owners = new Client({ connectionString: serviceDatabaseUrl(urlOf(base), 'owners') });
    await owners.connect();
    try {
      const client = new GraphQLClient(stack.url, DEVELOPMENT_JWT_SECRET);
      const analyst = { sub: 'test-analyst', roles: ['DISTRICT_ADMIN', 'ANALYST'] as const, orgs: [result.districtId] };
      const year = monthOf(END).slice(0, 4);
      // The figures, summed straight from the household-month bills of the scope's compounds.
      const expected = async (communityIds: string[]) => {
        const [r] = (
          await owners.query(
            `select count(*)::int as "billedHouseholds", coalesce(sum(case when paid = months then 1 else 0 end), 0)::int as "paidHouseholds",
                    coalesce(sum(due), 0)::float as "dueCents", coalesce(sum(collected), 0)::float as "collectedCents"
             from (select household_id, count(*) as months, count(payment_id) as paid, sum(due_cents) as due, sum(paid_cents) as collected
                   from fee_month where billed and month like $1 and compound_id in (select id from compound where community_id = any($2)) group by household_id) h`,
            [`${year}-%`, communityIds],
          )
        ).rows;
        return { ...r, rate: r.dueCents === 0 ? 1 : r.collectedCents / r.dueCents };
      };
      const ask = async (scopeId: string) => (await client.request(contractOperation('FeeCollection'), { scopeId, period: year }, { ...analyst, roles: [...analyst.roles] })).feeCollection;
      const district = await ask(result.districtId);
      const all = await expected(result.communities.map((c) => c.id));
      expect(all.billedHouseholds).toBeGreaterThan(0);
      expect(all.collectedCents).toBeGreaterThan(0);
      expect(district).toMatchObject({ ...all, rate: expect.closeTo(all.rate, 9), period: year, scope: { id: result.districtId } });
      expect(district.breakdown.map((b: { scope: { id: string } }) => b.scope.id).sort()).toEqual([...result.streetIds].sort());
      const community = result.communities[1];
      const one = await expected([community.id]);
      expect(await ask(community.id)).toMatchObject({ ...one, rate: expect.closeTo(one.rate, 9), breakdown: [] });
    } finally {
      await owners.end();
      await stack.close();
    }
  });

  it('fails its fee check when a fund or a bill differs from the payments', async () => {
    const url = serviceDatabaseUrl(urlOf(base), 'owners');
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('update public_fund set credited_cents = credited_cents + 1 where compound_id = (select min(compound_id) from public_fund)');
      await c.query('update fee_month set paid_cents = paid_cents - 1 where (household_id, month) = (select household_id, month from fee_month where payment_id is not null order by 1, 2 limit 1)');
    } finally {
      await c.end();
    }
    const check = await checkFees(urlOf(base));
    expect(check.ok).toBe(false);
    const diffs = check.lines.filter((l) => l.startsWith('DIFF')).join('\n');
    expect(diffs).toMatch(/credited total/);
    expect(diffs).toMatch(/collected cents differ/);
  });
  it('registered every compound\'s households (1–4 members, an OWNER each) before the history, and checked them against owners\' copy', () => {
    const world = result.communities.flatMap((c) => c.compounds);
    const registered = registerEvents().filter((e) => e.type === HouseholdRegistered.type) as EventEnvelope<string, HouseholdStateV1>[];
    expect(result.rows.households).toBe(world.length * SCALES.small.householdsPerCompound);
    expect(registered).toHaveLength(result.rows.households);
    for (const k of world) expect(registered.filter((e) => e.payload.compoundId === k.id)).toHaveLength(SCALES.small.householdsPerCompound);
    const firstTicket = Math.min(...ticketEvents().map((e) => Date.parse(e.occurredAt)));
    expect(Math.max(...registered.map((e) => Date.parse(e.payload.registeredAt)))).toBeLessThan(firstTicket);
    const members = registerEvents().filter((e) => e.type === HouseholdMemberAdded.type) as EventEnvelope<string, HouseholdMembershipV1>[];
    expect(members).toHaveLength(result.rows.memberships);
    const byHousehold = new Map<string, string[]>();
    for (const m of members) byHousehold.set(m.payload.householdId, [...(byHousehold.get(m.payload.householdId) ?? []), m.payload.relation]);
    expect(byHousehold.size).toBe(result.rows.households);
    for (const relations of byHousehold.values()) {
      expect(relations.length).toBeGreaterThanOrEqual(1);
      expect(relations.length).toBeLessThanOrEqual(4);
      expect(relations[0]).toBe('OWNER');
    }
    expect(result.check.lines.filter((l) => /households|memberships/.test(l)).length).toBeGreaterThanOrEqual(5);
  });

  it("gives owners the same copy of the register as the live consumer, event by event", async () => {
    const read = async (url: string) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return {
          households: (await c.query('select * from household order by id')).rows,
          members: (await c.query('select * from household_member order by household_id, person_id')).rows,
        };
      } finally {
        await c.end();
      }
    };
    const bulk = await read(serviceDatabaseUrl(urlOf(base), 'owners'));
    const live = await read(urlOf(ownersReplayDb));
    expect(bulk.households).toHaveLength(result.rows.households);
    expect(bulk.members).toHaveLength(result.rows.memberships);
    expect(bulk).toEqual(live);
  });

  it('placed every imported person in the copies grids and tickets keep (person_placement)', async () => {
    const placed = [...new Set(registerEvents().filter((e) => e.type === PersonPlaced.type).map((e) => (e.payload as { personId: string }).personId))];
    expect(placed.length).toBeGreaterThan(0);
    for (const service of ['grids', 'tickets']) {
      const c = new Client({ connectionString: serviceDatabaseUrl(urlOf(base), service) });
      await c.connect();
      try {
        const { rows } = await c.query('select count(*)::int as n from person_placement where person_id = any($1)', [placed]);
        expect({ service, placed: rows[0].n }).toEqual({ service, placed: placed.length });
      } finally {
        await c.end();
      }
    }
  });

  it('reads the register through the gateway: whole phones for the community\'s staff, masked for an analyst, nothing for another community', async () => {
    const stack = await startStack({ databases: { driver: 'postgresql', baseUrl: urlOf(base) }, events: { kind: 'in-process' }, logger });
    try {
      const client = new GraphQLClient(stack.url, DEVELOPMENT_JWT_SECRET);
      const [c0, c1] = result.communities;
      const compound = c0.compounds[0];
      const registered = (registerEvents().filter((e) => e.type === HouseholdRegistered.type) as EventEnvelope<string, HouseholdStateV1>[]).filter(
        (e) => e.payload.compoundId === compound.id,
      );
      const query = `query($id: ID!) { compound(id: $id) { id register(first: 100) { totalCount totalAreaSqm edges { node { id address areaSqm members { relation person { id name phone } } } } } } }`;
      type Register = { totalCount: number; totalAreaSqm: number; edges: { node: { id: string; address: string; areaSqm: number; members: { relation: string; person: { id: string; name: string; phone: string } | null }[] } }[] } | null;
      const read = async (as: Caller) => (await client.request<{ compound: { register: Register } }>(query, { id: compound.id }, as)).compound.register;

      const staff = await read(c0.staff);
      expect(staff!.totalCount).toBe(registered.length);
      expect(staff!.edges.map((e) => e.node.id).sort()).toEqual(registered.map((e) => e.payload.householdId).sort());
      const area = registered.reduce((n, e) => n + Math.round(Number(e.payload.areaSqm) * 100), 0);
      expect(Math.round(staff!.totalAreaSqm * 100)).toBe(area);
      const people = staff!.edges.flatMap((e) => e.node.members.map((m) => m.person));
      expect(people.every((p) => p && /^1[36]\d{9}$/.test(p.phone))).toBe(true);
      expect(staff!.edges.every((e) => e.node.members.some((m) => m.relation === 'OWNER') && e.node.members.length <= 4 && /栋.*室$/.test(e.node.address))).toBe(true);

      const analyst = await read({ sub: 'seed-analyst', roles: ['ANALYST'], orgs: [result.districtId] });
      expect(analyst!.totalCount).toBe(registered.length);
      expect(analyst!.edges.flatMap((e) => e.node.members.map((m) => m.person!.phone)).every((p) => /^1[36]\d\*{4}\d{4}$/.test(p))).toBe(true);

      expect(await read(c1.staff)).toBeNull();

      // A new member found by the last digits of their phone, in the community's people search.
      const member = people.find((p) => p!.phone.startsWith('136'))!;
      const found = await client.request<{ people: { edges: { node: { id: string; phone: string } }[] } }>(
        `query($scopeId: ID!, $query: String!) { people(scopeId: $scopeId, query: $query, first: 50) { edges { node { id phone } } } }`,
        { scopeId: c0.id, query: member.phone.slice(-6) },
        c0.staff,
      );
      expect(found.people.edges.map((e) => e.node)).toContainEqual({ id: member.id, phone: member.phone });
    } finally {
      await stack.close();
    }
  }, 120_000);

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
    let check = await checkCounts(urlOf(base));
    expect(check.ok).toBe(false);
    expect(check.lines.filter((l) => l.startsWith('DIFF')).join('\n')).toMatch(/ticket facts/);
    expect(check.lines.filter((l) => l.startsWith('DIFF')).join('\n')).not.toMatch(/household/);

    // A copy of the register one household short.
    const owners = new Client({ connectionString: serviceDatabaseUrl(urlOf(base), 'owners') });
    await owners.connect();
    try {
      await owners.query('delete from household where id = (select min(id) from household)');
    } finally {
      await owners.end();
    }
    check = await checkCounts(urlOf(base));
    expect(check.lines.filter((l) => l.startsWith('DIFF')).join('\n')).toMatch(/owners households: register \/ copy/);
  });
});
