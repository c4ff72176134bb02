import { MikroORM } from '@mikro-orm/core';
import { createEnvelope, eventEntities, OrganisationCreated, OrganisationMoved, OrganisationRenamed, type EventEnvelope } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestSqliteFile } from '@linli/testing';
import { openDatabase } from '../db/orm';
import { OrgNodeSchema, orgPath } from './org-node.entity';
import { orgProjectionHandlers } from './org-projection';

/** A small deterministic PRNG, so a failing permutation can be reproduced from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface SourceOrg {
  name: string;
  kind: string;
  parentId: string | null;
  sequence: number;
}

/** A random history of the organisations service (creations, renames, moves without cycles) and the tree it leaves. */
function history(random: () => number, steps: number) {
  const orgs = new Map<string, SourceOrg>();
  const events: EventEnvelope[] = [];
  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    for (let p = orgs.get(id)!.parentId; p; p = orgs.get(p)!.parentId) chain.unshift(p);
    return chain;
  };
  const pick = () => [...orgs.keys()][Math.floor(random() * orgs.size)];
  const create = (parentId: string | null) => {
    const id = `00000000-0000-4000-8000-${String(orgs.size).padStart(12, '0')}`;
    orgs.set(id, { name: `org ${orgs.size}`, kind: parentId ? 'COMMUNITY' : 'DISTRICT', parentId, sequence: 1 });
    const o = orgs.get(id)!;
    events.push(createEnvelope(OrganisationCreated, { organisationId: id, name: o.name, kind: o.kind, parentId, ancestorIds: ancestors(id), sequence: 1 }, { source: 'organisations' }));
  };
  create(null);
  for (let i = 0; i < steps; i++) {
    const r = random();
    const id = pick();
    const o = orgs.get(id)!;
    if (r < 0.45 || orgs.size < 3) {
      create(id);
    } else if (r < 0.7) {
      o.sequence++;
      o.name = `${o.name}'`;
      events.push(createEnvelope(OrganisationRenamed, { organisationId: id, name: o.name, sequence: o.sequence }, { source: 'organisations' }));
    } else {
      const target = pick();
      if (!o.parentId || target === id || ancestors(target).includes(id)) continue;
      o.sequence++;
      o.parentId = target;
      events.push(createEnvelope(OrganisationMoved, { organisationId: id, parentId: target, ancestorIds: ancestors(id), sequence: o.sequence }, { source: 'organisations' }));
    }
  }
  const expected = [...orgs].map(([id, o]) => ({ id, name: o.name, kind: o.kind, parentId: o.parentId, path: orgPath(ancestors(id)) }));
  return { events, expected };
}

describe('organisation-tree projection converges whatever the delivery order', () => {
  let orm: MikroORM;
  let file: { path: string; cleanup: () => void };

  beforeAll(async () => {
    file = createTestSqliteFile('orgconv');
    orm = await openDatabase({ service: 'orgconv', target: { driver: 'sqlite', file: file.path }, entities: [OrgNodeSchema, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') });
  });
  afterAll(async () => {
    await orm?.close(true);
    file?.cleanup();
  });

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('random permutation with duplicates, seed %i: the copy equals the source', async (seed) => {
    const random = rng(seed);
    const { events, expected } = history(random, 30);
    // Every event once, a third of them twice, in a random order.
    const delivered = [...events, ...events.filter(() => random() < 0.33)];
    for (let i = delivered.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [delivered[i], delivered[j]] = [delivered[j], delivered[i]];
    }
    await orm.em.fork().nativeDelete(OrgNodeSchema, {});
    for (const e of delivered) await orm.em.fork().transactional((tx) => orgProjectionHandlers[e.type](tx, e));
    const rows = await orm.em.fork().find(OrgNodeSchema, {}, { orderBy: { id: 'asc' } });
    expect(rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parentId, path: r.path }))).toEqual(expected);
  });
});
