import type { MikroORM } from '@mikro-orm/core';
import { eventEntities, OutboxEvent } from '@linli/events';
import { createLogger, type Actor } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { createTestTarget, DRIVERS } from '@linli/testing';
import { organisationsSubgraph } from '../subgraph';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { CompoundNodeEntity } from '../projection/territory.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { PersonEntity } from '../person/person.entity';
import { importHouseholds } from './import.service';

jest.setTimeout(600_000);

/** A register of `n` rows: 2 members for every 4th dwelling, the rest one owner. */
export function registerCsv(n: number): string {
  const lines = ['compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation'];
  let dwelling = 0;
  while (lines.length <= n) {
    dwelling++;
    const addr = `${['西关小区', '南苑小区'][dwelling % 2]},${1 + (dwelling % 30)},${1 + (dwelling % 4)},${dwelling},${(50 + (dwelling % 90)).toFixed(2)}`;
    lines.push(`${addr},业主${dwelling},13${String(100000000 + dwelling).slice(-9)},${dwelling % 9 === 0},OWNER`);
    if (dwelling % 4 === 0 && lines.length <= n) lines.push(`${addr},家属${dwelling},15${String(100000000 + dwelling).slice(-9)},false,FAMILY`);
  }
  return lines.join('\n');
}

/**
 * The 5,000-row import against a real database on both drivers: all rows in
 * one transaction, a re-import changes nothing. Logs its time and memory
 * (docs/performance.md); asserts only behaviour.
 */
describe.each(DRIVERS)('importHouseholds of 5,000 rows (%s)', (driver) => {
  let orm: MikroORM;
  let cleanup: () => Promise<void>;
  const actor: Actor = { personId: 'importer', roles: new Set(['COMMUNITY_STAFF']), orgs: ['c1'] };
  const cmd = () => {
    const now = new Date();
    return { actor, now, event: { source: 'organisations', correlationId: 'int', occurredAt: now } };
  };

  beforeAll(async () => {
    const { target, drop } = await createTestTarget(driver, 'importint');
    cleanup = drop;
    orm = await openDatabase({
      service: 'organisations',
      target,
      entities: [...organisationsSubgraph.entities, ...eventEntities],
      migrations: organisationsSubgraph.migrations,
      logger: createLogger('test', 'silent'),
      onQuery: (sql) => statements?.push(sql),
    });
    const em = orm.em.fork();
    em.create(OrganisationEntity, { id: 'd1', name: '区', kind: 'DISTRICT', parentId: null, path: '/', creditCode: null, contactPhone: null, address: null, createdAt: new Date() });
    em.create(OrganisationEntity, { id: 'c1', name: '西关社区', kind: 'COMMUNITY', parentId: 'd1', path: '/d1/', creditCode: null, contactPhone: null, address: null, createdAt: new Date() });
    em.create(CompoundNodeEntity, { id: 'k1', name: '西关小区', communityId: 'c1', updatedAt: new Date() });
    em.create(CompoundNodeEntity, { id: 'k2', name: '南苑小区', communityId: 'c1', updatedAt: new Date() });
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
    await cleanup?.();
  });

  /** The statements the current import ran (null between imports). */
  let statements: string[] | null = null;
  const inserts = (table: string) => (statements ?? []).filter((q) => new RegExp(`^insert into ["\`]${table}["\`]`).test(q));

  const run = async (csv: string) => {
    statements = [];
    global.gc?.();
    const heap = process.memoryUsage().heapUsed;
    let peak = heap;
    const started = process.hrtime.bigint();
    const result = await orm.em.fork().transactional((em) =>
      importHouseholds(em, cmd(), { communityId: 'c1', csv }, () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    console.log(
      `[${driver}] ${result.rows} rows in ${ms.toFixed(0)} ms, heap +${((peak - heap) / 2 ** 20).toFixed(1)} MB (csv ${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB), ${statements.length} statements`,
    );
    return result;
  };

  it('writes the whole register in one transaction, and a second import changes nothing', async () => {
    const csv = registerCsv(5_000);
    const first = await run(csv);
    expect(first.errors).toEqual([]);
    expect(first.rows).toBe(5_000);
    expect(first.householdsCreated).toBe(4_000);
    expect(first.peopleCreated).toBe(5_000);
    const em = orm.em.fork();
    expect(await em.count(HouseholdEntity, {})).toBe(4_000);
    expect(await em.count(HouseholdMemberEntity, {})).toBe(5_000);
    const events = await em.count(OutboxEvent, {});
    // In bulk: multi-row inserts (the unit of work batches them), never a statement per row.
    const perTable = { household: 4_000, person: 5_000, person_affiliation: 5_000, household_member: 5_000, outbox_event: 14_000 };
    console.log(`[${driver}] insert statements: ${Object.keys(perTable).map((t) => `${t} ${inserts(t).length}`).join(', ')}`);
    for (const [table, rows] of Object.entries(perTable)) {
      expect(inserts(table).length).toBeGreaterThan(0);
      expect(inserts(table).length).toBeLessThanOrEqual(rows / 100);
    }

    const again = await run(csv);
    expect(again).toMatchObject({ householdsCreated: 0, householdsUpdated: 0, peopleCreated: 0, errors: [] });
    // A re-import reads in chunks and writes nothing.
    expect(statements!.filter((q) => /^(insert|update|delete)/.test(q))).toEqual([]);
    expect(await orm.em.fork().count(HouseholdEntity, {})).toBe(4_000);
    expect(await orm.em.fork().count(PersonEntity, {})).toBe(5_000);
    expect(await orm.em.fork().count(OutboxEvent, {})).toBe(events);
  });

  it("numbers a household's changes in order across imports (the sequence its copies apply them by)", async () => {
    // Dwelling 4 again: a new area, its family member now a tenant (that membership ends, a new one starts).
    const csv = ['compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation', '西关小区,5,1,4,60.00,业主4,13100000004,false,OWNER', '西关小区,5,1,4,60.00,家属4,15100000004,false,TENANT'].join('\n');
    expect(await run(csv)).toMatchObject({ householdsCreated: 0, householdsUpdated: 1, errors: [] });
    const em = orm.em.fork();
    const household = await em.findOneOrFail(HouseholdEntity, { compoundId: 'k1', building: '5', room: '4' });
    const outbox = await em.find(OutboxEvent, { type: { $like: 'organisations.household.%' } }, { orderBy: { seq: 'asc' } });
    const mine = outbox.filter((e) => (e.payload as { householdId?: string }).householdId === household.id);
    expect(mine.map((e) => [e.type.replace('organisations.household.', ''), (e.payload as { sequence?: number }).sequence])).toEqual([
      ['registered', 1],
      ['memberAdded', 2],
      ['memberAdded', 3],
      ['memberRemoved', 4],
      ['memberAdded', 5],
      ['updated', 6],
    ]);
    expect(household).toMatchObject({ areaHundredths: 6000, version: 6 });
  });
});
