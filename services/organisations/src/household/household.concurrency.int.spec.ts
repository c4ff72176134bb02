import type { MikroORM } from '@mikro-orm/core';
import { eventEntities, OutboxEvent } from '@linli/events';
import { createLogger, type Actor } from '@linli/platform';
import { openDatabase, type Command } from '@linli/subgraph-kit';
import { createTestDatabase } from '@linli/testing';
import { organisationsSubgraph } from '../subgraph';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { CompoundNodeEntity } from '../projection/territory.entity';
import { HouseholdEntity } from './household.entity';
import { registerHousehold } from './household.service';

/**
 * `registerHousehold` racing itself on the real PostgreSQL (the migrations the
 * service ships): requests for one dwelling all pass the service's own check
 * at once; the unique (compound, building, unit, room) index lets one commit
 * and the others get CONFLICT, never an internal error, and one row is left.
 */
describe('registerHousehold racing on PostgreSQL', () => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  const staff: Actor = { personId: 'staff', roles: new Set(['COMMUNITY_STAFF']), orgs: ['c1'] };
  const cmd = (): Command => {
    const now = new Date();
    return { actor: staff, now, event: { source: 'organisations', correlationId: 'race', occurredAt: now } };
  };
  const codeOf = (r: PromiseSettledResult<unknown>) =>
    r.status === 'fulfilled' ? 'OK' : ((r.reason as { extensions?: { code?: string } }).extensions?.code ?? (r.reason as Error).constructor.name);

  beforeAll(async () => {
    const db = await createTestDatabase('household_race');
    drop = db.drop;
    orm = await openDatabase({
      service: 'organisations',
      target: { driver: 'postgresql', url: db.url },
      entities: [...organisationsSubgraph.entities, ...eventEntities],
      migrations: organisationsSubgraph.migrations,
      logger: createLogger('test', 'silent'),
    });
    const em = orm.em.fork();
    em.create(OrganisationEntity, { id: 'd1', name: '区', kind: 'DISTRICT', parentId: null, path: '/', creditCode: null, contactPhone: null, address: null, createdAt: new Date() });
    em.create(OrganisationEntity, { id: 'c1', name: '西关社区', kind: 'COMMUNITY', parentId: 'd1', path: '/d1/', creditCode: null, contactPhone: null, address: null, createdAt: new Date() });
    em.create(CompoundNodeEntity, { id: 'k1', name: '西关小区', communityId: 'c1', updatedAt: new Date() });
    await em.flush();
  }, 60_000);
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });

  it('six requests for one dwelling: one household, five CONFLICTs, one event', async () => {
    const input = { compoundId: 'k1', building: '3', unit: '2', room: '502', areaSqm: 89.5 };
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => orm.em.fork().transactional((em) => registerHousehold(em, cmd(), input))));
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const em = orm.em.fork();
    expect(await em.count(HouseholdEntity, { compoundId: 'k1' })).toBe(1);
    // The losers' events rolled back with them.
    expect(await em.count(OutboxEvent, { type: { $like: '%household.registered' } })).toBe(1);
  });

  it('a dwelling without a unit is one dwelling too (NULL units compare equal through unitKey)', async () => {
    const input = { compoundId: 'k1', building: '9', room: '101', areaSqm: 60 };
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => orm.em.fork().transactional((em) => registerHousehold(em, cmd(), input))));
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await orm.em.fork().count(HouseholdEntity, { compoundId: 'k1', building: '9' })).toBe(1);
  });
});
