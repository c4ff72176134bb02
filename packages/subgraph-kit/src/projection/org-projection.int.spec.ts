import { MikroORM } from '@mikro-orm/core';
import { createEnvelope, OrganisationCreated, OrganisationDeactivated, OrganisationMoved, OrganisationRenamed, eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestTarget, DRIVERS } from '@linli/testing';
import { openDatabase } from '../db/orm';
import { OrgNodeSchema, requireActiveOrg } from './org-node.entity';
import { orgProjectionHandlers } from './org-projection';

const logger = createLogger('test', 'silent');

describe.each(DRIVERS)('organisation-tree projection (%s)', (driver) => {
  let orm: MikroORM;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const { target, drop } = await createTestTarget(driver, 'orgproj');
    cleanup = drop;
    // No migrations list here: the projection's own table through schema update on both drivers.
    orm = await openDatabase({ service: 'projtest', target, entities: [OrgNodeSchema, ...eventEntities], migrations: [], logger });
    if (driver === 'postgresql') await orm.schema.updateSchema();
  });
  afterAll(async () => {
    await orm?.close(true);
    await cleanup?.();
  });

  const apply = async (def: typeof OrganisationCreated | typeof OrganisationMoved | typeof OrganisationRenamed | typeof OrganisationDeactivated, payload: any) => {
    const em = orm.em.fork();
    await em.transactional((tx) => orgProjectionHandlers[def.type](tx, createEnvelope(def as never, payload as never, { source: 'organisations' })));
  };
  const node = (id: string) => orm.em.fork().findOneOrFail(OrgNodeSchema, { id });

  it('keeps the tree, names and ancestor paths', async () => {
    await apply(OrganisationCreated, { organisationId: 'd', name: 'District', kind: 'DISTRICT', parentId: null, ancestorIds: [] });
    await apply(OrganisationCreated, { organisationId: 's1', name: 'Street 1', kind: 'STREET', parentId: 'd', ancestorIds: ['d'] });
    await apply(OrganisationCreated, { organisationId: 's2', name: 'Street 2', kind: 'STREET', parentId: 'd', ancestorIds: ['d'] });
    await apply(OrganisationCreated, { organisationId: 'c', name: 'Community', kind: 'COMMUNITY', parentId: 's1', ancestorIds: ['d', 's1'] });
    await apply(OrganisationCreated, { organisationId: 'g', name: 'Branch', kind: 'PARTY_BRANCH', parentId: 'c', ancestorIds: ['d', 's1', 'c'] });
    expect((await node('g')).path).toBe('/d/s1/c/');

    await apply(OrganisationRenamed, { organisationId: 'c', name: 'Renamed' });
    expect((await node('c')).name).toBe('Renamed');
  });

  it('moves a subtree: the moved node and its descendants get the new chain', async () => {
    await apply(OrganisationMoved, { organisationId: 'c', parentId: 's2', ancestorIds: ['d', 's2'] });
    expect((await node('c')).path).toBe('/d/s2/');
    expect((await node('c')).parentId).toBe('s2');
    expect((await node('g')).path).toBe('/d/s2/c/');
    expect((await node('s1')).path).toBe('/d/');
  });

  it('a repeated creation (replay) overwrites rather than duplicates', async () => {
    await apply(OrganisationCreated, { organisationId: 'd', name: 'District', kind: 'DISTRICT', parentId: null, ancestorIds: [] });
    expect(await orm.em.fork().count(OrgNodeSchema, {})).toBe(5);
  });

  it('issue 11: a move that arrives before its creation is kept, and the creation replayed later does not undo it', async () => {
    await apply(OrganisationMoved, { organisationId: 'late', parentId: 's2', ancestorIds: ['d', 's2'], sequence: 2 });
    expect(await node('late')).toMatchObject({ parentId: 's2', path: '/d/s2/' });
    await apply(OrganisationCreated, { organisationId: 'late', name: 'Late', kind: 'COMMUNITY', parentId: 's1', ancestorIds: ['d', 's1'], sequence: 1 });
    expect(await node('late')).toMatchObject({ name: 'Late', kind: 'COMMUNITY', parentId: 's2', path: '/d/s2/' });
  });

  it('keeps a deactivation whatever arrives before or after it (final: a replay or a late creation never undoes it)', async () => {
    await apply(OrganisationDeactivated, { organisationId: 'gone', reason: '撤并' });
    await apply(OrganisationCreated, { organisationId: 'gone', name: 'Gone', kind: 'POLICE_STATION', parentId: 'd', ancestorIds: ['d'] });
    const gone = await node('gone');
    expect(gone.name).toBe('Gone');
    expect(gone.deactivatedAt).toBeInstanceOf(Date);
    const at = gone.deactivatedAt!.getTime();
    await apply(OrganisationDeactivated, { organisationId: 'gone', reason: '撤并' });
    expect((await node('gone')).deactivatedAt!.getTime()).toBe(at);
    expect(() => requireActiveOrg(gone, 'assigneeId')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'assigneeId' }) }));
    expect(requireActiveOrg(await node('d'), 'assigneeId').id).toBe('d');
  });
});
