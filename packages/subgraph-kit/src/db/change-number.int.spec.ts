import { EntitySchema, MikroORM, OptimisticLockError } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestDatabase } from '@linli/testing';
import { countChange } from './change-number';
import { openDatabase } from './orm';

class Aggregate {
  id!: string;
  name!: string;
  version = 1;
}

const AggregateSchema = new EntitySchema<Aggregate>({
  class: Aggregate,
  tableName: 'aggregate',
  properties: {
    id: { type: 'string', primary: true, length: 36 },
    name: { type: 'string', length: 50 },
    version: { type: 'integer', default: 1 },
  },
});

/** The change numbers copies order an aggregate's events by, on PostgreSQL (the production database). */
describe('countChange: one number per change, never shared by concurrent changes', () => {
  let orm: MikroORM;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase('changeno');
    drop = db.drop;
    orm = await openDatabase({ service: 'changeno', target: { driver: 'postgresql', url: db.url }, entities: [AggregateSchema, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') });
    await orm.schema.updateSchema();
  });
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });

  it('numbers successive changes 2, 3, … and keeps the last with the row', async () => {
    await orm.em.fork().insert(Aggregate, { id: 'a', name: 'one', version: 1 });
    const numbers: number[] = [];
    for (const name of ['two', 'three']) {
      await orm.em.fork().transactional(async (em) => {
        const row = await em.findOneOrFail(Aggregate, { id: 'a' });
        row.name = name;
        numbers.push(await countChange(em, row));
      });
    }
    expect(numbers).toEqual([2, 3]);
    expect(await orm.em.fork().findOneOrFail(Aggregate, { id: 'a' })).toMatchObject({ name: 'three', version: 3 });
  });

  it('fails the later of two concurrent changes (it read a state the other changed): the first commits with its number', async () => {
    await orm.em.fork().insert(Aggregate, { id: 'b', name: 'one', version: 1 });
    let firstCounted!: () => void;
    const counted = new Promise<void>((resolve) => (firstCounted = resolve));
    let bothRead!: () => void;
    const read = new Promise<void>((resolve) => (bothRead = resolve));
    let reads = 0;
    const change = (name: string, first: boolean) =>
      orm.em.fork().transactional(async (em) => {
        const row = await em.findOneOrFail(Aggregate, { id: 'b' });
        if (++reads === 2) bothRead();
        await read;
        if (!first) await counted;
        row.name = name;
        const n = await countChange(em, row);
        if (first) {
          firstCounted();
          // Holds the row while the other transaction tries to count its change.
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return n;
      });
    const [a, b] = await Promise.allSettled([change('first', true), change('second', false)]);
    expect(a).toEqual({ status: 'fulfilled', value: 2 });
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(OptimisticLockError);
    expect(await orm.em.fork().findOneOrFail(Aggregate, { id: 'b' })).toMatchObject({ name: 'first', version: 2 });
  });
});
