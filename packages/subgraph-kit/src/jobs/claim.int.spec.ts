import { MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestDatabase } from '@linli/testing';
import { openDatabase } from '../db/orm';
import { OrgNodeSchema } from '../projection/org-node.entity';
import { claimDue } from './claim';
import { startPeriodicJob } from './periodic';

describe('claiming due rows on PostgreSQL', () => {
  let orm: MikroORM;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase('claim');
    drop = db.drop;
    orm = await openDatabase({ service: 'claimtest', target: { driver: 'postgresql', url: db.url }, entities: [OrgNodeSchema, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') });
    await orm.schema.updateSchema();
    const em = orm.em.fork();
    for (let i = 0; i < 6; i++) em.create(OrgNodeSchema, { id: `n${i}`, name: `n${i}`, kind: 'COMMUNITY', parentId: null, path: '/', updatedAt: new Date() });
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });

  it('lets two replicas take disjoint rows while both transactions are open', async () => {
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => (releaseFirst = r));
    let firstClaimed!: (ids: string[]) => void;
    const first = new Promise<string[]>((r) => (firstClaimed = r));

    const replicaA = orm.em.fork().transactional(async (tx) => {
      const rows = await claimDue(tx, OrgNodeSchema, {}, { orderBy: { id: 'asc' }, limit: 3 });
      firstClaimed(rows.map((r) => r.id));
      await firstHolds;
    });
    const a = await first;
    const b = await orm.em.fork().transactional(async (tx) => (await claimDue(tx, OrgNodeSchema, {}, { orderBy: { id: 'asc' }, limit: 3 })).map((r) => r.id));
    releaseFirst();
    await replicaA;
    expect(a).toEqual(['n0', 'n1', 'n2']);
    expect(b).toEqual(['n3', 'n4', 'n5']);
  });

  it('runs one pass of a periodic job at a time', async () => {
    let concurrent = 0;
    let max = 0;
    const job = startPeriodicJob('t', 60_000, async () => {
      concurrent++;
      max = Math.max(max, concurrent);
      await new Promise((r) => setTimeout(r, 20));
      concurrent--;
    }, createLogger('t', 'silent'));
    await Promise.all([job.runNow(), job.runNow(), job.runNow()]);
    await job.stop();
    expect(max).toBe(1);
  });
});
