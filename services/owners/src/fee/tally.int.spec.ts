import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { addMonths, createLogger, monthOf, type Actor } from '@linli/platform';
import { OrgNodeSchema, openDatabase, type Command } from '@linli/subgraph-kit';
import { createTestTarget, DRIVERS, seededRandom } from '@linli/testing';
import { ownersSubgraph } from '../subgraph';
import { CompoundEntity } from '../territory/compound.entity';
import { HouseholdEntity } from '../register/household.entity';
import { billCompoundThrough, billLateHousehold } from './billing.service';
import { feeCollection } from './collection.service';
import { setFeeRate } from './fee-rate.service';
import { recordFeePayment } from './payment.service';
import { FeeMonthEntity } from './fee.entity';
import { keptTallies, rebuildTallies, recountTallies } from './tally.service';

/**
 * feeCollection's tallies, kept by every bill and payment, equal a recount
 * from the bills after any mix of billing passes, payments (ahead, late,
 * several months), late households and concurrent writers, on both databases
 * (PostgreSQL through the service's migrations).
 */
describe.each(DRIVERS)('fee tallies (%s)', (driver) => {
  let orm: MikroORM;
  let cleanup: () => Promise<void>;
  const start = '2026-01';
  const at = (month: string) => new Date(`${month}-05T02:00:00Z`);
  const staff: Actor = { personId: 'staff', roles: new Set(['COMMUNITY_STAFF']), orgs: ['community'] };
  const cmdAt = (now: Date): Command => ({ actor: staff, now, event: { source: 'owners', correlationId: 'tally-test', occurredAt: now } });
  const fee = 12_345; // 123.45 m² at 100 cents per m² and month

  beforeAll(async () => {
    const { target, drop } = await createTestTarget(driver, 'tally');
    cleanup = drop;
    orm = await openDatabase({ service: 'owners', target, entities: [...ownersSubgraph.entities, ...eventEntities], migrations: ownersSubgraph.migrations, logger: createLogger('t', 'silent') });
    const em = orm.em.fork();
    const now = at(start);
    em.create(OrgNodeSchema, { id: 'district', name: '区', kind: 'DISTRICT', parentId: null, path: '/', updatedAt: now });
    em.create(OrgNodeSchema, { id: 'street', name: '街道', kind: 'STREET', parentId: 'district', path: '/district/', updatedAt: now });
    em.create(OrgNodeSchema, { id: 'community', name: '社区', kind: 'COMMUNITY', parentId: 'street', path: '/district/street/', updatedAt: now });
    for (const c of ['c1', 'c2']) {
      em.create(CompoundEntity, { id: c, name: c, communityId: 'community', communityPath: '/district/street/', managementMode: 'COMMUNITY_MANAGED', propertyFirmId: null, partyOrganisationId: null, ownersCommitteeId: null, asOf: now });
      for (let i = 0; i < 6; i++) {
        em.create(HouseholdEntity, { id: `${c}-h${i}`, compoundId: c, communityId: 'community', building: '1', unit: null, room: `${i}`, areaHundredths: 12_345, registeredAt: new Date('2025-06-01T00:00:00Z'), asOf: now });
      }
    }
    await em.flush();
    for (const c of ['c1', 'c2']) await orm.em.fork().transactional((tx) => setFeeRate(tx, cmdAt(at(start)), c, 100, 0.1));
  });
  afterAll(async () => {
    await orm?.close(true);
    await cleanup?.();
  });

  const expectTalliesRight = async () => {
    const em = orm.em.fork();
    expect(await keptTallies(em)).toEqual(await recountTallies(em));
  };
  const pay = (householdId: string, fromMonth: string, months: number, now: string) =>
    orm.em.fork().transactional((tx) => recordFeePayment(tx, cmdAt(at(now)), { householdId, fromMonth, months, amountCents: fee * months }));

  it('follow billing passes, payments ahead and behind, and a late household, step by step', async () => {
    const rnd = seededRandom(7);
    const paid = new Set<string>();
    let billed = start;
    for (let step = 0; step < 40; step++) {
      const roll = rnd();
      if (roll < 0.2 && billed < '2026-12') {
        billed = addMonths(billed, 1);
        await orm.em.fork().transactional(async (tx) => {
          for (const c of ['c1', 'c2']) await billCompoundThrough(tx, c, billed);
        });
      } else {
        const h = `c${1 + Math.floor(rnd() * 2)}-h${Math.floor(rnd() * 6)}`;
        const from = addMonths(start, Math.floor(rnd() * 12));
        const months = 1 + Math.floor(rnd() * 3);
        const wanted = Array.from({ length: months }, (_, i) => `${h}|${addMonths(from, i)}`);
        if (wanted.some((k) => paid.has(k)) || addMonths(from, months - 1) > '2026-12') continue;
        await pay(h, from, months, billed);
        wanted.forEach((k) => paid.add(k));
      }
      await expectTalliesRight();
    }
    // A household the register learns of late gets its past bills, tallied.
    const em = orm.em.fork();
    const late = em.create(HouseholdEntity, { id: 'c1-late', compoundId: 'c1', communityId: 'community', building: '2', unit: null, room: '1', areaHundredths: 12_345, registeredAt: new Date('2025-12-01T00:00:00Z'), asOf: new Date() });
    await em.flush();
    await orm.em.fork().transactional(async (tx) => billLateHousehold(tx, (await tx.findOneOrFail(HouseholdEntity, { id: late.id }))!));
    await expectTalliesRight();
    // The answer comes from the tallies and equals the recount's for a quarter and the year.
    const year = await feeCollection(orm.em.fork(), 'district', '2026');
    const recount = (await recountTallies(orm.em.fork())).filter((r) => r.periodKey === '2026');
    expect(year.dueCents).toBe(recount.reduce((s, r) => s + r.dueCents, 0));
    expect(year.paidHouseholds).toBe(recount.reduce((s, r) => s + r.paidHouseholds, 0));
    expect(year.billedHouseholds).toBe(13);
  });

  it('a rebuild from the bills gives the same tallies', async () => {
    const before = await keptTallies(orm.em.fork());
    await orm.em.fork().transactional((tx) => rebuildTallies(tx));
    expect(await keptTallies(orm.em.fork())).toEqual(before);
  });

  if (driver === 'postgresql') {
    /** Runs `first` in a transaction held open until `second` waits on its lock (or is done), then commits it; both must succeed. */
    const race = async (first: (tx: EntityManager) => Promise<unknown>, second: () => Promise<unknown>) => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let wrote!: () => void;
      const written = new Promise<void>((r) => (wrote = r));
      const firstDone = orm.em.fork().transactional(async (tx) => {
        await first(tx);
        wrote();
        await held;
      });
      await written;
      let settled = false;
      const secondDone = second().finally(() => (settled = true));
      const waits = async () => (await orm.em.getConnection().execute<{ n: string }[]>("select count(*) as n from pg_stat_activity where wait_event_type = 'Lock'"))[0].n;
      while (!settled && Number(await waits()) === 0) await new Promise((r) => setTimeout(r, 10));
      release();
      await Promise.all([firstDone, secondDone]);
    };
    const monthRow = async (householdId: string, month: string) =>
      (await orm.em.fork().findOneOrFail(FeeMonthEntity, { householdId, month }, { refresh: true }));

    it('a payment ahead waiting on the billing of its month pays the bill', async () => {
      const month = '2027-01';
      await pay('c2-h0', month, 1, '2026-12');
      await race((tx) => billCompoundThrough(tx, 'c2', month), () => pay('c2-h1', month, 1, '2026-12'));
      expect(await monthRow('c2-h1', month)).toMatchObject({ billed: true, paidCents: fee });
      expect((await monthRow('c2-h1', month)).paymentId).not.toBeNull();
      await expectTalliesRight();
      expect(monthOf(at(month))).toBe(month);
    });

    it('billing waiting on a payment ahead of its month bills the paid month', async () => {
      const month = '2027-02';
      await race((tx) => recordFeePayment(tx, cmdAt(at('2027-01')), { householdId: 'c2-h2', fromMonth: month, months: 1, amountCents: fee }), () =>
        orm.em.fork().transactional((tx) => billCompoundThrough(tx, 'c2', month)),
      );
      expect(await monthRow('c2-h2', month)).toMatchObject({ billed: true, paidCents: fee });
      await expectTalliesRight();
    });
  }
});
