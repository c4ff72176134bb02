import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestTarget, DRIVERS } from '@linli/testing';
import { openDatabase } from './orm';
import { addToCounters, sqlRows, sqlRun } from './sql';

class Tally {
  scopeId!: string;
  month!: string;
  opened!: number;
  closed!: number;
}

// A renamed column (`opened` → `opened_n`): the upsert must take column names from the metadata.
const TallySchema = new EntitySchema<Tally>({
  class: Tally,
  tableName: 'tally',
  properties: {
    scopeId: { type: 'string', primary: true, length: 36 },
    month: { type: 'string', primary: true, length: 7 },
    opened: { type: 'integer', fieldName: 'opened_n', default: 0 },
    closed: { type: 'integer', default: 0 },
  },
});

const tallies = async (orm: MikroORM) =>
  (await orm.em.fork().find(Tally, {}, { orderBy: { scopeId: 'asc', month: 'asc' } })).map((t) => ({ scopeId: t.scopeId, month: t.month, opened: t.opened, closed: t.closed }));

/**
 * The one counter upsert every service's pre-aggregates use (tickets' scope
 * and work-queue counters, evaluations' firm months and rates, owners' fee
 * tallies), on both databases.
 */
describe.each(DRIVERS)('addToCounters on %s', (driver) => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  const statements: string[] = [];

  beforeAll(async () => {
    const created = await createTestTarget(driver, 'counters');
    drop = created.drop;
    orm = await openDatabase({
      service: 'counters',
      entities: [TallySchema, ...eventEntities],
      migrations: [],
      logger: createLogger('t', 'silent'),
      onQuery: (sql: string) => statements.push(sql),
      target: created.target,
    });
    await orm.schema.updateSchema();
  });
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });
  beforeEach(async () => {
    await orm.em.fork().nativeDelete(Tally, {});
    statements.length = 0;
  });

  it('creates missing rows with the deltas and adds to existing ones; a counter a row does not move stays', async () => {
    await orm.em.fork().transactional((em) =>
      addToCounters(em, Tally, [
        { keys: { scopeId: 'b', month: '2026-11' }, deltas: { opened: 2 } },
        { keys: { scopeId: 'a', month: '2026-11' }, deltas: { opened: 1, closed: 1 } },
      ]),
    );
    await orm.em.fork().transactional((em) =>
      addToCounters(em, Tally, [
        { keys: { scopeId: 'a', month: '2026-11' }, deltas: { opened: -1 } },
        { keys: { scopeId: 'a', month: '2026-12' }, deltas: { closed: 5 } },
      ]),
    );
    expect(await tallies(orm)).toEqual([
      { scopeId: 'a', month: '2026-11', opened: 0, closed: 1 },
      { scopeId: 'a', month: '2026-12', opened: 0, closed: 5 },
      { scopeId: 'b', month: '2026-11', opened: 2, closed: 0 },
    ]);
    // One statement per call, on the renamed column.
    expect(statements.filter((s) => s.startsWith('insert into'))).toEqual([expect.stringContaining('opened_n'), expect.stringContaining('opened_n')]);
  });

  it('with no deltas only makes sure the rows exist (a row locked or read next)', async () => {
    await orm.em.fork().transactional((em) => addToCounters(em, Tally, [{ keys: { scopeId: 'a', month: '2026-11' }, deltas: { closed: 3 } }]));
    await orm.em.fork().transactional((em) =>
      addToCounters(em, Tally, [
        { keys: { scopeId: 'a', month: '2026-11' }, deltas: {} },
        { keys: { scopeId: 'c', month: '2026-11' }, deltas: {} },
      ]),
    );
    expect(await tallies(orm)).toEqual([
      { scopeId: 'a', month: '2026-11', opened: 0, closed: 3 },
      { scopeId: 'c', month: '2026-11', opened: 0, closed: 0 },
    ]);
  });

  it('splits a bulk pass into statements under the parameter limit, and counts every row once', async () => {
    // 12,000 rows × 4 columns = 48,000 parameters: more than SQLite allows in one statement.
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ keys: { scopeId: `s${i}`, month: '2026-11' }, deltas: { opened: 1, closed: i % 2 } }));
    await orm.em.fork().transactional((em) => addToCounters(em, Tally, rows));
    await orm.em.fork().transactional((em) => addToCounters(em, Tally, rows));
    const [sums] = await sqlRows<{ n: number | string; opened: number | string; closed: number | string }>(
      orm.em.fork(),
      'select count(*) as n, sum(opened_n) as opened, sum(closed) as closed from tally',
    );
    expect({ n: Number(sums.n), opened: Number(sums.opened), closed: Number(sums.closed) }).toEqual({ n: 12_000, opened: 24_000, closed: 12_000 });
    expect(statements.filter((s) => s.startsWith('insert into')).length).toBe(4);
  });

  it('rolls back with the transaction it ran in', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        await addToCounters(em, Tally, [{ keys: { scopeId: 'a', month: '2026-11' }, deltas: { opened: 1 } }]);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await tallies(orm)).toEqual([]);
  });

  if (driver === 'postgresql')
    it('takes counter rows in key order, whatever order the caller gives: two writers wait for each other, never deadlock', async () => {
      const a = { keys: { scopeId: 'a', month: '2026-11' }, deltas: { opened: 1 } };
      const b = { keys: { scopeId: 'b', month: '2026-11' }, deltas: { opened: 1 } };
      await orm.em.fork().transactional((em) => addToCounters(em, Tally, [a, b]));
      let releaseFirst!: () => void;
      const firstMayGoOn = new Promise<void>((resolve) => (releaseFirst = resolve));
      // The first writer holds a; the second asks for b then a (in that order): taken in key
      // order it waits on a holding nothing, so the first can still take b. In the order given,
      // it would hold b while waiting on a, and the first's b would close the cycle (40P01).
      const first = orm.em.fork().transactional(async (em) => {
        await addToCounters(em, Tally, [a]);
        await firstMayGoOn;
        await addToCounters(em, Tally, [b]);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = orm.em.fork().transactional((em) => addToCounters(em, Tally, [b, a]));
      // Only once the second writer is waiting on a row lock does the first go on.
      const waiting = async () =>
        Number((await sqlRows<{ n: number | string }>(orm.em.fork(), "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"))[0].n);
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await waiting()).toBe(1);
      releaseFirst();
      await Promise.all([first, second]);
      expect(await tallies(orm)).toEqual([
        { scopeId: 'a', month: '2026-11', opened: 3, closed: 0 },
        { scopeId: 'b', month: '2026-11', opened: 3, closed: 0 },
      ]);
    });

  it('sqlRun tells how many rows a conditional write changed', async () => {
    await orm.em.fork().transactional((em) => addToCounters(em, Tally, [{ keys: { scopeId: 'a', month: '2026-11' }, deltas: { opened: 2 } }]));
    const em = orm.em.fork();
    expect(await sqlRun(em, 'update tally set opened_n = opened_n - 1 where scope_id = ? and opened_n >= ?', ['a', 2])).toBe(1);
    expect(await sqlRun(em, 'update tally set opened_n = opened_n - 1 where scope_id = ? and opened_n >= ?', ['a', 2])).toBe(0);
  });
});
