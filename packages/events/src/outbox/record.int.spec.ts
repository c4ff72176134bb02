import { Counter, createDb, type Dialect, type TestDb } from '../../test/support';
import { envelopeOf } from './relay';
import { OrganisationRenamed } from '../contracts/organisations';
import { OutboxEvent } from './outbox.entity';
import { recordEvent, recordEventsNow } from './record';

/** recordEventsNow writes the same rows recordEvent does, in the caller's transaction and order. */
describe.each<Dialect>(['postgresql', 'sqlite'])('recordEventsNow on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createDb(dialect, `record-${dialect}`);
  });
  afterAll(async () => {
    await db?.close();
  });
  const rows = () => db.orm.em.fork().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });
  const renamed = (name: string) => ({ payload: { organisationId: 'org-1', name }, meta: { source: 'organisations', correlationId: `req-${name}` } });

  it('commits its rows with the transaction, after the events recorded before it, as recordEvent would write them', async () => {
    const recorded = await db.orm.em.fork().transactional(async (em) => {
      const first = recordEvent(em, OrganisationRenamed, renamed('A').payload, renamed('A').meta);
      const many = await recordEventsNow(em, OrganisationRenamed, Array.from({ length: 1_203 }, (_, i) => renamed(`N${i}`)));
      const last = recordEvent(em, OrganisationRenamed, renamed('Z').payload, renamed('Z').meta);
      return [first, ...many, last];
    });
    const stored = await rows();
    expect(stored.map((r) => envelopeOf(r))).toEqual(recorded.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt).toISOString() })));
    expect(stored.every((r) => r.publishedAt === null && r.attempts === 0)).toBe(true);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const before = (await rows()).length;
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        em.create(Counter, { id: 'rolled-back', value: 1 });
        await recordEventsNow(em, OrganisationRenamed, [renamed('X'), renamed('Y')]);
        throw new Error('business rule violated');
      }),
    ).rejects.toThrow('business rule violated');
    expect((await rows()).length).toBe(before);
    expect(await db.orm.em.fork().findOne(Counter, { id: 'rolled-back' })).toBeNull();
  });
});
