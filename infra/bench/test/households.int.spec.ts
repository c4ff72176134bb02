import type { MikroORM } from '@mikro-orm/core';
import { Client, Pool } from 'pg';
import { eventEntities, OutboxEvent, type EventEnvelope } from '@linli/events';
import { HouseholdEntity, HouseholdMemberEntity, importAuditSummary, importHouseholds, PersonAffiliationEntity, PersonEntity } from '@linli/organisations';
import { createLogger, type Actor } from '@linli/platform';
import { SUBGRAPHS } from '@linli/stack';
import { auditSummary, openDatabase, PersonPlacementSchema, recordAudit } from '@linli/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@linli/testing';
import { Random } from '../src/random';
import { importCsv, importOf, planHouseholds, type PlannedImport } from '../src/seed/bulk/households.plan';
import { insertRows } from '../src/seed/bulk/load';

jest.setTimeout(300_000);

/**
 * The bulk register against the write path it stands for: the same planned
 * files go once through `importOf` + the bulk loader, once through the real
 * `importHouseholds` (and the audit entry its resolver records), each into
 * its own organisations database holding the same territory and residents.
 * Rows and events must be the same, up to the ids the write path draws at
 * random (compared by address and phone instead).
 */
describe('the bulk register equals what importHouseholds writes (PostgreSQL)', () => {
  const organisations = SUBGRAPHS.find((s) => s.name === 'organisations')!;
  const communityId = 'c1';
  const staff = { sub: 'seed-staff-0', roles: ['COMMUNITY_STAFF' as const], orgs: [communityId] };
  const residents = [
    { id: 'r0', phone: '13900000001', partyMember: true },
    { id: 'r1', phone: '13900000002', partyMember: false },
    { id: 'r2', phone: '13900000003', partyMember: false },
  ];
  const world = {
    communities: [
      {
        id: communityId,
        streetId: 's1',
        staff,
        areaGridId: 'g0',
        compounds: [
          { id: 'k1', name: '西关小区', communityId, firmId: null, gridIds: [] },
          { id: 'k2', name: '南苑小区', communityId, firmId: null, gridIds: [] },
        ],
        residents: residents.map(({ id, phone }) => ({ id, phone })),
        gridWorkers: [],
        serviceItemId: null,
      },
    ],
  };
  const imports: PlannedImport[] = planHouseholds(
    world,
    { householdsPerCompound: 60 },
    new Random(4),
    { from: new Date('2026-03-20T01:00:00Z'), to: new Date('2026-03-30T00:00:00Z') },
    new Map(residents.map((r) => [r.id, r.partyMember])),
  );
  const dbs: TestDatabase[] = [];
  const orms: MikroORM[] = [];
  const bulkEvents: EventEnvelope[] = [];

  const openOrganisations = async () => {
    const db = await createTestDatabase('hhbulk');
    dbs.push(db);
    const orm = await openDatabase({
      service: 'organisations',
      target: { driver: 'postgresql', url: db.url },
      entities: [...organisations.entities, ...eventEntities],
      migrations: organisations.migrations,
      logger: createLogger('test', 'silent'),
    });
    orms.push(orm);
    // The territory and the residents as the write paths left them.
    const em = orm.em.fork();
    const at = new Date('2026-03-19T00:00:00Z');
    em.create('OrganisationEntity', { id: 'd1', name: '莲湖区', kind: 'DISTRICT', parentId: null, path: '/', creditCode: null, contactPhone: null, address: null, createdAt: at });
    em.create('OrganisationEntity', { id: 's1', name: '第1街道', kind: 'STREET', parentId: 'd1', path: '/d1/', creditCode: null, contactPhone: null, address: null, createdAt: at });
    em.create('OrganisationEntity', { id: communityId, name: '社区1', kind: 'COMMUNITY', parentId: 's1', path: '/d1/s1/', creditCode: null, contactPhone: null, address: null, createdAt: at });
    for (const k of world.communities[0].compounds) em.create('CompoundNodeEntity', { id: k.id, name: k.name, communityId, updatedAt: at });
    for (const r of residents) {
      em.create(PersonEntity, { id: r.id, name: `居民${r.id}`, phone: r.phone, partyMember: r.partyMember, createdAt: at });
      em.create(PersonAffiliationEntity, { personId: r.id, organisationId: communityId, source: 'REGISTERED', ref: 'registered', until: null });
    }
    await em.flush();
    return { db, orm };
  };

  /** Everything the register holds and announced, with ids replaced by what identifies them (address, phone). */
  const snapshot = async (url: string, events: EventEnvelope[]) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const q = async (sql: string) => (await c.query(sql)).rows;
      const households = await q('select * from household');
      const people = await q('select * from person');
      const address = new Map(households.map((h) => [h.id, `${h.compound_id}/${h.building}/${h.unit_key}/${h.room}`]));
      const phone = new Map(people.map((p) => [p.id, p.phone]));
      const byKey = <T>(rows: T[], key: (r: T) => string) => rows.map((r) => [key(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const strip = (id: string | undefined) => (id && (address.get(id) ?? phone.get(id))) ?? id;
      return {
        households: byKey(households.map(({ id: _id, ...h }) => h), (h) => `${h.compound_id}/${h.building}/${h.unit_key}/${h.room}`),
        people: byKey(people.map(({ id: _id, ...p }) => p), (p) => p.phone),
        affiliations: byKey((await q('select * from person_affiliation')).map((a) => ({ ...a, person_id: phone.get(a.person_id) })), (a) => `${a.person_id}/${a.ref}`),
        // What the service keeps of its last announcement of each person (a later change compares against it).
        placements: byKey((await q('select * from person_placement')).map((r) => ({ ...r, person_id: phone.get(r.person_id) })), (r) => r.person_id),
        members: byKey((await q('select * from household_member')).map(({ id: _id, ...m }) => ({ ...m, household_id: address.get(m.household_id), person_id: phone.get(m.person_id) })), (m) => `${m.household_id}/${m.person_id}`),
        events: events.map((e) => {
          const p = e.payload as Record<string, unknown>;
          return { type: e.type, source: e.source, occurredAt: e.occurredAt, correlationId: e.correlationId, payload: { ...p, householdId: strip(p.householdId as string), personId: strip(p.personId as string) } };
        }),
      };
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    // Bulk: rows through the loader, events as built.
    const bulk = await openOrganisations();
    const pool = new Pool({ connectionString: bulk.db.url, max: 1 });
    try {
      const rnd = new Random(7);
      for (const imp of imports) {
        const made = importOf(imp, ['d1', 's1'], rnd);
        await insertRows(pool, bulk.orm, PersonEntity, made.people);
        await insertRows(pool, bulk.orm, PersonAffiliationEntity, made.affiliations);
        await insertRows(pool, bulk.orm, PersonPlacementSchema, made.placements);
        await insertRows(pool, bulk.orm, HouseholdEntity, made.households);
        await insertRows(pool, bulk.orm, HouseholdMemberEntity, made.members);
        bulkEvents.push(...made.events);
      }
    } finally {
      await pool.end();
    }
    // Write path: the same files through importHouseholds, with the audit entry its resolver notes, in one transaction each.
    const live = await openOrganisations();
    const actor: Actor = { personId: staff.sub, roles: new Set(staff.roles), orgs: staff.orgs };
    for (const imp of imports) {
      const meta = { source: 'organisations', correlationId: imp.correlationId, occurredAt: imp.at };
      await live.orm.em.fork().transactional(async (em) => {
        const result = await importHouseholds(em, { actor, now: imp.at, event: meta }, { communityId, csv: importCsv(imp) });
        expect(result.errors).toEqual([]);
        recordAudit(em, 'organisations', actor, meta, { action: 'importHouseholds', subjectType: 'Community', subjectId: communityId, summary: auditSummary(importAuditSummary(result)) });
      });
    }
  });

  afterAll(async () => {
    for (const orm of orms) await orm.close(true);
    for (const db of dbs) await db.drop();
  });

  it('stores the same households, people, affiliations and memberships, and announces the same events in the same order', async () => {
    const live = orms[1];
    const outbox = await live.em.fork().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });
    const liveEvents: EventEnvelope[] = outbox.map((o) => ({
      id: o.id,
      type: o.type,
      version: o.version,
      source: o.source,
      occurredAt: o.occurredAt.toISOString(),
      correlationId: o.correlationId,
      payload: o.payload,
    }));
    const b = await snapshot(dbs[0].url, bulkEvents);
    const l = await snapshot(dbs[1].url, liveEvents);
    expect(b.households).toHaveLength(120);
    expect(b.people.length).toBeGreaterThan(120);
    expect(b.events.length).toBeGreaterThan(b.people.length);
    expect(b.households).toEqual(l.households);
    expect(b.people).toEqual(l.people);
    expect(b.affiliations).toEqual(l.affiliations);
    expect(b.placements.length).toBeGreaterThan(120);
    expect(b.placements).toEqual(l.placements);
    expect(b.members).toEqual(l.members);
    expect(b.events).toEqual(l.events);
  });
});
