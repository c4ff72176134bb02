import { MikroORM } from '@mikro-orm/core';
import { createLogger } from '@linli/platform';
import { createTestDatabase, startCommitCutter, type CommitCutter, type TestDatabase } from '@linli/testing';
import { openDatabase } from './orm';
import { OrgNodeSchema } from '../projection/org-node.entity';
import { answerFromFate, transactKnowingCommit } from './commit-outcome';

// Real PostgreSQL behind a proxy that cuts the line at COMMIT: the fault a
// database blip makes when it lands on a committing write.
describe('a write whose COMMIT lost its answer (PostgreSQL)', () => {
  let db: TestDatabase;
  let cutter: CommitCutter;
  let orm: MikroORM;
  const logger = createLogger('t', 'silent');

  beforeAll(async () => {
    db = await createTestDatabase('commit');
    const setup = await openDatabase({ service: 'committest', target: { driver: 'postgresql', url: db.url }, entities: [OrgNodeSchema], migrations: [], logger });
    await setup.schema.updateSchema();
    await setup.close(true);
    cutter = await startCommitCutter(db.url);
    orm = await openDatabase({ service: 'committest', target: { driver: 'postgresql', url: cutter.url }, entities: [OrgNodeSchema], migrations: [], logger });
  });
  afterAll(async () => {
    await orm?.close(true);
    await cutter?.close();
    await db?.drop();
  });

  const insert = (id: string, postgres = true) =>
    transactKnowingCommit(
      orm.em.fork(),
      async (tx) => {
        tx.create(OrgNodeSchema, { id, name: id, kind: 'COMMUNITY', parentId: null, path: '/', updatedAt: new Date() });
        return id;
      },
      { postgres, logger, lookupBudgetMs: 5_000, lookupIntervalMs: 50 },
    );
  const stored = async (id: string) => (await orm.em.fork().findOne(OrgNodeSchema, { id })) !== null;

  it('answers success when the server committed and only the answer was lost', async () => {
    const cut = cutter.cutNextCommit('after');
    await expect(insert('after-1')).resolves.toBe('after-1');
    await cut;
    expect(await stored('after-1')).toBe(true);
  });

  it('still fails, writing nothing, when the COMMIT never reached the server', async () => {
    const cut = cutter.cutNextCommit('before');
    await expect(insert('before-1')).rejects.toThrow();
    await cut;
    expect(await stored('before-1')).toBe(false);
  });

  it('without the lookup (the driver alone) the committed write is reported as failed', async () => {
    const cut = cutter.cutNextCommit('after');
    await expect(insert('after-2', false)).rejects.toThrow();
    await cut;
    expect(await stored('after-2')).toBe(true);
  });

  it('leaves a write refused by a constraint refused', async () => {
    await insert('dup');
    await expect(insert('dup')).rejects.toThrow(/duplicate key/);
  });
});

describe('answerFromFate', () => {
  const error = new Error('connection lost');
  it('answers the result only for a committed transaction', () => {
    expect(answerFromFate('committed', 'r', error)).toBe('r');
    expect(() => answerFromFate('aborted', 'r', error)).toThrow(error);
    expect(() => answerFromFate(null, 'r', error)).toThrow(error);
  });
});
