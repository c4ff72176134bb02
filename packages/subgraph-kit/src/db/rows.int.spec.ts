import { EntitySchema, raw, type MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { createTestTarget, DRIVERS } from '@linli/testing';
import { findRows } from './rows';
import { openDatabase } from './orm';

class Sample {
  id!: string;
  label!: string;
  note!: string | null;
  at!: Date;
  maybeAt!: Date | null;
  ratio!: number | null;
  count!: number;
  flag!: boolean;
  big!: bigint;
  data!: { tags: string[] } | null;
}

const SampleSchema = new EntitySchema<Sample>({
  class: Sample,
  tableName: 'sample',
  properties: {
    id: { type: 'string', primary: true, length: 36 },
    label: { type: 'string', length: 50, fieldName: 'the_label' },
    note: { type: 'text', nullable: true },
    at: { type: 'datetime' },
    maybeAt: { type: 'datetime', nullable: true },
    ratio: { type: 'double', nullable: true },
    count: { type: 'integer' },
    flag: { type: 'boolean' },
    big: { type: 'bigint' },
    data: { type: 'json', nullable: true },
  },
});

const SAMPLES: Sample[] = [
  { id: 'a', label: 'one', note: null, at: new Date('2026-01-01T00:00:00.123Z'), maybeAt: null, ratio: 1.5, count: 3, flag: true, big: 9007199254740993n, data: { tags: ['x'] } },
  { id: 'b', label: 'two', note: 'n', at: new Date('2026-02-01T10:00:00Z'), maybeAt: new Date('2026-03-01T00:00:00Z'), ratio: null, count: 0, flag: false, big: 1n, data: null },
  { id: 'c', label: 'three', note: '', at: new Date('2026-03-01T10:00:00Z'), maybeAt: null, ratio: -0.25, count: 7, flag: true, big: 2n, data: { tags: [] } },
];

/**
 * findRows reads what em.find reads, value for value and type for type, on
 * both databases (PostgreSQL returns doubles and bigints as strings, SQLite
 * dates as numbers and booleans as integers): a list read as plain rows must
 * serialise exactly as one read as entities.
 */
describe.each(DRIVERS)('findRows on %s', (driver) => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  const statements: string[] = [];

  beforeAll(async () => {
    const common = { service: 'findrows', entities: [SampleSchema, ...eventEntities], migrations: [], logger: createLogger('t', 'silent'), onQuery: (sql: string) => statements.push(sql) };
    const created = await createTestTarget(driver, 'findrows');
    drop = created.drop;
    orm = await openDatabase({ ...common, target: created.target });
    await orm.schema.updateSchema();
    const em = orm.em.fork();
    for (const s of SAMPLES) em.create(Sample, s);
    await em.flush();
  });
  afterAll(async () => {
    await orm?.close(true);
    await drop?.();
  });

  const plain = (o: object) => ({ ...o });

  it('returns every property as em.find makes it, in the order and limit asked', async () => {
    const entities = await orm.em.fork().find(Sample, {}, { orderBy: { at: 'desc', id: 'desc' }, limit: 2 });
    const rows = await findRows(orm.em.fork(), Sample, {}, { orderBy: { at: 'desc', id: 'desc' }, limit: 2 });
    expect(rows.map(plain)).toEqual(entities.map(plain));
    expect(rows.map((r) => r.id)).toEqual(['c', 'b']);
    expect(rows[0].at).toBeInstanceOf(Date);
    expect(typeof rows[1].flag).toBe('boolean');
    expect(typeof rows[0].ratio).toBe('number');
  });

  it('takes the same filters, raw fragments (a keyset bound) included, and tags the statement', async () => {
    const em = orm.em.fork();
    const bound = { [raw((alias) => `(${alias ? `${alias}.` : ''}at, ${alias ? `${alias}.` : ''}id) < (?, ?)`, [em.getPlatform().processDateProperty(SAMPLES[2].at), 'c'])]: [] };
    statements.length = 0;
    const rows = await findRows(em, Sample, { $and: [bound, { label: { $ne: 'zero' } }] }, { orderBy: { at: 'desc', id: 'desc' }, limit: 10, comments: ['kit:rows'] });
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(rows.map(plain)).toEqual((await orm.em.fork().find(Sample, { id: { $in: ['a', 'b'] } }, { orderBy: { at: 'desc' } })).map(plain));
    expect(statements.filter((s) => s.includes('kit:rows'))).toHaveLength(1);
  });

  it('reads only the fields asked, converted as em.find converts them', async () => {
    statements.length = 0;
    const rows = await findRows(orm.em.fork(), Sample, {}, { fields: ['id', 'label', 'at', 'big'], orderBy: { id: 'asc' } });
    const entities = await orm.em.fork().find(Sample, {}, { orderBy: { id: 'asc' } });
    expect(rows).toEqual(entities.map((e) => ({ id: e.id, label: e.label, at: e.at, big: e.big })));
    // The statement names the four columns (the renamed one by its column), not `*`.
    const select = statements.find((s) => s.includes('from') && s.includes('sample'))!;
    expect(select).toContain('the_label');
    expect(select).not.toContain('*');
    expect(select).not.toContain('note');
  });

  it('makes no entities: the identity map stays empty', async () => {
    const em = orm.em.fork();
    await findRows(em, Sample, {}, { orderBy: { id: 'asc' }, limit: 10 });
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
