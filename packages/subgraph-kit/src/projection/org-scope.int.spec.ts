import type { MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestTarget, DRIVERS } from '@linli/testing';
import { openDatabase } from '../db/orm';
import { OrgNodeSchema, type OrgNode } from './org-node.entity';
import { breakdownOf, breakdownScopes, communitiesIn, isWithin, subtreePrefix } from './org-scope';

/**
 * A district (d) with two streets (s1, s2; s2 sorts first by name), three
 * communities under them, one community straight under the district (c4),
 * and a decoy: a street of another district whose id starts like d's.
 */
const TREE: [id: string, name: string, kind: string, path: string][] = [
  ['d', '区', 'DISTRICT', '/'],
  ['s1', 'b street', 'STREET', '/d/'],
  ['s2', 'a street', 'STREET', '/d/'],
  ['c1', 'c1', 'COMMUNITY', '/d/s1/'],
  ['c2', 'c2', 'COMMUNITY', '/d/s1/'],
  ['c3', 'c3', 'COMMUNITY', '/d/s2/'],
  ['c4', 'c4', 'COMMUNITY', '/d/'],
  ['p1', 'branch', 'PARTY_BRANCH', '/d/s1/c1/'],
  ['d2', '区2', 'DISTRICT', '/'],
  ['dx', 'decoy', 'COMMUNITY', '/d2/'],
];

describe.each(DRIVERS)('territorial scope reads (%s)', (driver) => {
  let orm: MikroORM;
  let cleanup: () => Promise<void>;
  const node = (id: string) => orm.em.fork().findOneOrFail(OrgNodeSchema, { id });

  beforeAll(async () => {
    const { target, drop } = await createTestTarget(driver, 'orgscope');
    cleanup = drop;
    orm = await openDatabase({ service: 'scopetest', target, entities: [OrgNodeSchema, ...eventEntities], migrations: [], logger: createLogger('test', 'silent') });
    await orm.schema.updateSchema();
    const em = orm.em.fork();
    for (const [id, name, kind, path] of TREE) em.create(OrgNodeSchema, { id, name, kind, path, parentId: path === '/' ? null : path.split('/').filter(Boolean).pop()!, updatedAt: new Date(0) });
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
    await cleanup?.();
  });

  const ids = (nodes: OrgNode[]) => nodes.map((n) => n.id).sort();

  it('finds the communities of a district, a street and a community (itself)', async () => {
    expect(ids(await communitiesIn(orm.em.fork(), await node('d')))).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(ids(await communitiesIn(orm.em.fork(), await node('s1')))).toEqual(['c1', 'c2']);
    expect(ids(await communitiesIn(orm.em.fork(), await node('c3')))).toEqual(['c3']);
  });

  it('breaks a scope down into its child streets and communities by name, a community into nothing', async () => {
    expect((await breakdownScopes(orm.em.fork(), await node('d'))).map((n) => n.id)).toEqual(['s2', 's1', 'c4']);
    expect((await breakdownScopes(orm.em.fork(), await node('s1'))).map((n) => n.id)).toEqual(['c1', 'c2']);
    expect(await breakdownScopes(orm.em.fork(), await node('c1'))).toEqual([]);
  });

  it('places each community under the child it is or lies under', async () => {
    const district = await node('d');
    const childOf = breakdownOf(await breakdownScopes(orm.em.fork(), district), await communitiesIn(orm.em.fork(), district));
    expect(Object.fromEntries(childOf)).toEqual({ c1: 's1', c2: 's1', c3: 's2', c4: 'c4' });
  });

  it('reads plain rows: nothing enters the identity map', async () => {
    const em = orm.em.fork();
    await communitiesIn(em, await node('d'));
    await breakdownScopes(em, await node('d'));
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});

describe('isWithin', () => {
  const n = (id: string, path: string) => ({ id, path });
  it('holds for the root itself and its subtree, not for a sibling sharing a prefix of its id', () => {
    expect(subtreePrefix(n('s1', '/d/'))).toBe('/d/s1/');
    expect(isWithin(n('s1', '/d/'), n('s1', '/d/'))).toBe(true);
    expect(isWithin(n('c1', '/d/s1/'), n('s1', '/d/'))).toBe(true);
    expect(isWithin(n('c1', '/d/s10/'), n('s1', '/d/'))).toBe(false);
    expect(isWithin(n('d', '/'), n('s1', '/d/'))).toBe(false);
  });
});
