import {
  createEnvelope,
  eventEntities,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdRegistered,
  HouseholdUpdated,
  type EventEnvelope,
  type HouseholdMembershipV1,
  type HouseholdStateV1,
} from '@linli/events';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { useTestSqlite, deliverScrambled, producerClock, seededRandom } from '@linli/testing';
import { ownersSubgraph } from '../subgraph';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { householdProjectionBatch, householdProjectionHandlers } from './household.projection';
import { FeeCompoundEntity, FeeMonthEntity, FeeRateEntity } from '../fee/fee.entity';

const COMPOUND = '00000000-0000-4000-8000-00000000a001';
const COMMUNITY = '00000000-0000-4000-8000-00000000c001';
const PEOPLE = [1, 2, 3, 4].map((n) => `00000000-0000-4000-8000-00000000d00${n}`);
const BASE = Date.parse('2026-03-01T00:00:00.000Z');

/** A random history of the register (registrations, address/area corrections, members joining and leaving, rejoining) and the copy it must leave. */
function history(random: () => number, steps: number) {
  const households = new Map<string, HouseholdStateV1 & { sequence: number }>();
  const members = new Map<string, HouseholdMembershipV1>();
  const events: EventEnvelope[] = [];
  // The producer's order is each household's change number (memberships count as changes of their household);
  // occurredAt does not follow it (same millisecond, replicas with skewed clocks).
  const clock = producerClock(random, BASE, 3_600_000);
  let now = '';
  const at = () => (now = clock());
  const day = () => now.slice(0, 10);
  const next = (h: HouseholdStateV1 & { sequence: number }) => ({ ...h, sequence: ++h.sequence });
  for (let i = 0; i < steps; i++) {
    const r = random();
    const pick = [...households.values()][Math.floor(random() * households.size)];
    if (!pick || r < 0.2) {
      const h: HouseholdStateV1 & { sequence: number } = {
        householdId: `00000000-0000-4000-8000-b${String(households.size + 1).padStart(11, '0')}`,
        compoundId: COMPOUND,
        communityId: COMMUNITY,
        communityAncestorIds: [],
        building: `${households.size + 1}栋`,
        unit: null,
        room: '101',
        areaSqm: '89.50',
        gridId: null,
        registeredAt: '2026-02-01T00:00:00.000Z',
        sequence: 0,
      };
      households.set(h.householdId, h);
      events.push(createEnvelope(HouseholdRegistered, next(h), { source: 'organisations', occurredAt: at() }));
    } else if (r < 0.45) {
      Object.assign(pick, { room: String(100 + Math.floor(random() * 900)), areaSqm: `${60 + Math.floor(random() * 60)}.${random() < 0.5 ? '25' : '00'}` });
      events.push(createEnvelope(HouseholdUpdated, next(pick), { source: 'organisations', occurredAt: at() }));
    } else {
      const occurredAt = at();
      const personId = PEOPLE[Math.floor(random() * PEOPLE.length)];
      const key = `${pick.householdId} ${personId}`;
      const current = members.get(key);
      const m: HouseholdMembershipV1 =
        current && current.until === null
          ? { ...current, until: day() }
          : { householdId: pick.householdId, compoundId: COMPOUND, personId, relation: random() < 0.5 ? 'OWNER' : 'TENANT', since: day(), until: null };
      members.set(key, m);
      events.push(createEnvelope(m.until === null ? HouseholdMemberAdded : HouseholdMemberRemoved, { ...m, sequence: ++pick.sequence }, { source: 'organisations', occurredAt }));
    }
  }
  const expected = {
    households: [...households.values()].map((h) => `${h.householdId} ${h.building} ${h.room} ${h.areaSqm}`).sort(),
    members: [...members.values()].map((m) => `${m.householdId} ${m.personId} ${m.relation} ${m.since} ${m.until}`).sort(),
  };
  return { events, expected };
}

const area = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

// One SQLite database for both suites below: each empties what it reads before every case.
const db = useTestSqlite('householdconv', (path) =>
  openDatabase({ service: 'householdconv', target: { driver: 'sqlite', file: path }, entities: [...ownersSubgraph.entities, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') }),
);

/** Issue 11: the owners service's copy of the register ends equal to the source whatever the delivery order, duplicates included. */
describe('household copy (owners) converges whatever the delivery order', () => {
  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('random permutation with duplicates, seed %i: households and memberships equal the source', async (seed) => {
    const random = seededRandom(seed);
    const { events, expected } = history(random, 40);
    await db().em.fork().nativeDelete(HouseholdMemberEntity, {});
    await db().em.fork().nativeDelete(HouseholdEntity, {});
    await deliverScrambled(events, (e) => db().em.fork().transactional((tx) => householdProjectionHandlers[e.type](tx, e)), random);
    const households = await db().em.fork().find(HouseholdEntity, {});
    const members = await db().em.fork().find(HouseholdMemberEntity, {});
    expect({
      households: households.map((h) => `${h.id} ${h.building} ${h.room} ${area(h.areaHundredths)}`).sort(),
      members: members.map((m) => `${m.householdId} ${m.personId} ${m.relation} ${m.since} ${m.until}`).sort(),
    }).toEqual(expected);
  });
});

/**
 * The batch handler (the seed, bulk paths) against one event a transaction:
 * the same delivery order cut into runs leaves the same copy, and a compound
 * already billed gives late households the same bills (priced at the area the
 * household had when it was first learnt of, as one by one).
 */
describe('household copy (owners): runs through the batch handler equal one event a transaction', () => {
  const reset = async () => {
    for (const entity of [FeeMonthEntity, HouseholdMemberEntity, HouseholdEntity, FeeRateEntity, FeeCompoundEntity]) await db().em.fork().nativeDelete(entity, {});
    // The compound is billed through March at 2.00 yuan per m²: every household learnt of is billed from its first month.
    const em = db().em.fork();
    em.create(FeeCompoundEntity, { compoundId: COMPOUND, firstMonth: '2026-02', billedThrough: '2026-03' } as never);
    em.create(FeeRateEntity, { compoundId: COMPOUND, fromMonth: '2026-02', centsPerSqmMonth: 200, publicFundShareBp: 1000, proposalId: null, setAt: new Date(BASE) } as never);
    await em.flush();
  };
  const read = async () => ({
    households: (await db().em.fork().find(HouseholdEntity, {}, { orderBy: { id: 'asc' } })).map((h) => ({ ...h })),
    members: (await db().em.fork().find(HouseholdMemberEntity, {}, { orderBy: { householdId: 'asc', personId: 'asc' } })).map((m) => ({ ...m })),
    bills: (await db().em.fork().find(FeeMonthEntity, {}, { orderBy: { householdId: 'asc', month: 'asc' } })).map((b) => `${b.householdId} ${b.month} ${b.dueCents}`),
  });

  it.each(Array.from({ length: 6 }, (_, i) => i + 1))('seed %i', async (seed) => {
    const random = seededRandom(100 + seed);
    const { events } = history(random, 60);
    const order: EventEnvelope[] = [];
    await deliverScrambled(events, async (e) => void order.push(e), random);

    await reset();
    for (const e of order) await db().em.fork().transactional((tx) => householdProjectionHandlers[e.type](tx, e));
    const oneByOne = await read();

    await reset();
    for (let i = 0; i < order.length; ) {
      const run = order.slice(i, i + 1 + Math.floor(random() * 12));
      await db().em.fork().transactional((tx) => householdProjectionBatch.apply(tx, run));
      i += run.length;
    }
    const batched = await read();
    expect(oneByOne.bills.length).toBeGreaterThan(0);
    expect(batched).toEqual(oneByOne);
  });
});
