import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { addMonths, createLogger, monthOf, type Actor } from '@linli/platform';
import { OrgNodeSchema, openDatabase, type Command } from '@linli/subgraph-kit';
import { ownersSubgraph } from '../subgraph';
import { CompoundEntity } from '../territory/compound.entity';
import { HouseholdEntity } from '../register/household.entity';
import { feeCollection } from './collection.service';
import { setFeeRate } from './fee-rate.service';
import { recordFeePayment } from './payment.service';

/**
 * feeCollection reads pre-aggregated household-month bills: the statements
 * it runs do not grow with the number of payments (SQLite, counting every
 * statement the ORM sends).
 */
describe('fee collection cost', () => {
  let orm: MikroORM;
  let dir: string;
  let statements = 0;
  const now = new Date();
  const staff: Actor = { personId: 'staff', roles: new Set(['COMMUNITY_STAFF']), orgs: ['community'] };
  const cmd: Command = { actor: staff, now, event: { source: 'owners', correlationId: null as unknown as string, occurredAt: now } };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'owners-collection-'));
    orm = await openDatabase({
      service: 'owners',
      target: { driver: 'sqlite', file: path.join(dir, 'owners.db') },
      entities: [...ownersSubgraph.entities, ...eventEntities],
      migrations: [],
      logger: createLogger('t', 'silent'),
      onQuery: () => statements++,
    });
    const em = orm.em.fork();
    em.create(OrgNodeSchema, { id: 'district', name: '区', kind: 'DISTRICT', parentId: null, path: '/', updatedAt: now });
    em.create(OrgNodeSchema, { id: 'street', name: '街道', kind: 'STREET', parentId: 'district', path: '/district/', updatedAt: now });
    em.create(OrgNodeSchema, { id: 'community', name: '社区', kind: 'COMMUNITY', parentId: 'street', path: '/district/street/', updatedAt: now });
    em.create(CompoundEntity, { id: 'compound', name: '小区', communityId: 'community', communityPath: '/district/street/', managementMode: 'COMMUNITY_MANAGED', propertyFirmId: null, partyOrganisationId: null, ownersCommitteeId: null, asOf: now });
    for (let i = 0; i < 40; i++) {
      em.create(HouseholdEntity, { id: `h${i}`, compoundId: 'compound', communityId: 'community', building: '1', unit: null, room: `${i}`, areaHundredths: 10_000, registeredAt: new Date(now.getTime() - 400 * 86_400_000), asOf: now });
    }
    await em.flush();
    await orm.em.fork().transactional((tx) => setFeeRate(tx, cmd, 'compound', 100, 0.1));
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  const measure = async (scopeId: string, period: string) => {
    statements = 0;
    const result = await feeCollection(orm.em.fork(), scopeId, period);
    return { result, statements };
  };

  it('costs the same with one payment as with forty', async () => {
    const month = monthOf(now);
    await orm.em.fork().transactional((tx) => recordFeePayment(tx, cmd, { householdId: 'h0', fromMonth: month, months: 1, amountCents: 10_000 }));
    const one = await measure('district', month.slice(0, 4));
    expect(one.result).toMatchObject({ billedHouseholds: 40, paidHouseholds: 1, dueCents: 400_000, collectedCents: 10_000, rate: 0.025 });
    for (let i = 1; i < 40; i++) {
      await orm.em.fork().transactional((tx) => recordFeePayment(tx, cmd, { householdId: `h${i}`, fromMonth: month, months: 2, amountCents: 20_000 }));
    }
    const forty = await measure('district', month.slice(0, 4));
    expect(forty.result.paidHouseholds).toBe(40);
    expect(forty.result.collectedCents).toBe(400_000);
    expect(forty.result.breakdown).toEqual([expect.objectContaining({ scopeId: 'street', billedHouseholds: 40, rate: 1 })]);
    expect(forty.statements).toBe(one.statements);
    // Months paid ahead count once they are billed, not before.
    expect((await measure('community', addMonths(month, 1))).result).toMatchObject({ billedHouseholds: 0, dueCents: 0, rate: 1 });
  });
});
