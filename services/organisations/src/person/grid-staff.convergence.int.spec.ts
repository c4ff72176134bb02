import { createEnvelope, eventEntities, GridStaffAssigned, GridStaffUnassigned, type EventEnvelope, type GridStaffV1 } from '@linli/events';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { useTestSqlite, deliverScrambled, producerClock, seededRandom } from '@linli/testing';
import { organisationsSubgraph } from '../subgraph';
import { personAffiliationHandlers } from './person.consumers';
import { PersonAffiliationEntity } from './person.entity';

const COMMUNITIES = ['00000000-0000-4000-8000-00000000c001', '00000000-0000-4000-8000-00000000c002'];
const PEOPLE = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000d00${n}`);
const BASE = Date.parse('2026-11-01T00:00:00.000Z');

/** A random history of grid posts (assigned, some later unassigned) and the grid-staff affiliations it leaves. */
function history(random: () => number, steps: number) {
  const open = new Map<string, GridStaffV1>();
  const events: EventEnvelope[] = [];
  const at = producerClock(random, BASE, 60_000);
  for (let i = 0; i < steps; i++) {
    const pick = [...open.values()][Math.floor(random() * open.size)];
    if (!pick || random() < 0.55) {
      const a: GridStaffV1 = {
        assignmentId: `00000000-0000-4000-8000-a${String(i).padStart(11, '0')}`,
        gridId: '00000000-0000-4000-8000-00000000b001',
        personId: PEOPLE[Math.floor(random() * PEOPLE.length)],
        role: 'GRID_WORKER',
        communityId: COMMUNITIES[Math.floor(random() * COMMUNITIES.length)],
      };
      open.set(a.assignmentId, a);
      events.push(createEnvelope(GridStaffAssigned, a, { source: 'grids', occurredAt: at() }));
    } else {
      open.delete(pick.assignmentId);
      events.push(createEnvelope(GridStaffUnassigned, pick, { source: 'grids', occurredAt: at() }));
    }
  }
  return { events, expected: [...open.values()].map((a) => `${a.personId} ${a.communityId} ${a.assignmentId}`).sort() };
}

/**
 * Issue 11: the organisations service's grid-staff affiliations (who is placed where by a grid post) end
 * equal to the grids service's open assignments whatever the delivery order: an end arriving before its
 * assignment is kept (a tombstone), so the late assignment does not place the person for good.
 */
describe('grid-staff affiliations (organisations) converge whatever the delivery order', () => {
  const db = useTestSqlite('staffconv', (path) =>
    openDatabase({ service: 'staffconv', target: { driver: 'sqlite', file: path }, entities: [...organisationsSubgraph.entities, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') }),
  );

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('random permutation with duplicates, seed %i: the open assignments place their people, ended ones do not', async (seed) => {
    const random = seededRandom(seed);
    const { events, expected } = history(random, 30);
    const em0 = db().em.fork();
    await em0.getConnection().execute('delete from person_affiliation');
    await em0.getConnection().execute('delete from ended_grid_assignment');
    await deliverScrambled(events, (e) => db().em.fork().transactional((tx) => personAffiliationHandlers[e.type](tx, e)), random);
    const rows = await db().em.fork().find(PersonAffiliationEntity, { source: 'GRID_STAFF' });
    expect(rows.filter((r) => r.until === null).map((r) => `${r.personId} ${r.organisationId} ${r.ref}`).sort()).toEqual(expected);
  });
});
