import { createEnvelope, eventEntities, GridCreated, GridMoved, GridRetired, GridUpdated, type EventEnvelope, type GridStateV1 } from '@linli/events';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { useTestSqlite, deliverScrambled, producerClock, seededRandom } from '@linli/testing';
import { ticketsSubgraph } from '../subgraph';
import { GridNodeEntity } from './grid-node.entity';
import { projectionHandlers } from './projection.handlers';

const COMMUNITY = '00000000-0000-4000-8000-00000000c001';
const BASE = Date.parse('2026-11-01T00:00:00.000Z');

/**
 * A random history of the grids service (creations, renames, moves, retirements: final) and the copy it must
 * leave. The producer's order is each grid's change number (`sequence`); `occurredAt` does not follow it (same
 * millisecond, replicas with skewed clocks).
 */
function history(random: () => number, steps: number) {
  const grids = new Map<string, GridStateV1 & { retiredAt: string | null; sequence: number }>();
  const events: EventEnvelope[] = [];
  const at = producerClock(random, BASE, 60_000);
  const state = (g: GridStateV1 & { retiredAt: string | null; sequence: number }): GridStateV1 => {
    const { retiredAt: _, ...rest } = g;
    return { ...rest, ancestorGridIds: [], sequence: ++g.sequence };
  };
  const live = () => [...grids.values()].filter((g) => !g.retiredAt);
  for (let i = 0; i < steps; i++) {
    const r = random();
    const pick = live()[Math.floor(random() * live().length)];
    if (!pick || r < 0.3) {
      const id = `00000000-0000-4000-8000-${String(grids.size + 1).padStart(12, '0')}`;
      const g = { gridId: id, code: `G${grids.size + 1}`, name: `网格 ${grids.size + 1}`, level: 'COMMUNITY_AREA' as const, communityId: COMMUNITY, communityAncestorIds: [], compoundId: null, parentId: null, ancestorGridIds: [], retiredAt: null, sequence: 0 };
      grids.set(id, g);
      events.push(createEnvelope(GridCreated, state(g), { source: 'grids', occurredAt: at() }));
    } else if (r < 0.6) {
      pick.name = `${pick.name}'`;
      events.push(createEnvelope(GridUpdated, state(pick), { source: 'grids', occurredAt: at() }));
    } else if (r < 0.85) {
      const parent = live().find((g) => g.gridId !== pick.gridId && g.parentId !== pick.gridId);
      pick.parentId = parent && pick.parentId !== parent.gridId ? parent.gridId : null;
      events.push(createEnvelope(GridMoved, state(pick), { source: 'grids', occurredAt: at() }));
    } else {
      const occurredAt = at();
      pick.retiredAt = occurredAt;
      events.push(createEnvelope(GridRetired, { ...state(pick), retiredAt: occurredAt }, { source: 'grids', occurredAt }));
    }
  }
  const expected = [...grids.values()]
    .map((g) => ({ id: g.gridId, code: g.code, name: g.name, level: g.level, communityId: g.communityId, compoundId: g.compoundId, parentId: g.parentId, retiredAt: g.retiredAt }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { events, expected };
}

/** Issue 11: the tickets service's copy of the grid tree ends equal to the source whatever the delivery order, duplicates included. */
describe('grid copy (tickets) converges whatever the delivery order', () => {
  const db = useTestSqlite('gridconv', (path) =>
    openDatabase({ service: 'gridconv', target: { driver: 'sqlite', file: path }, entities: [...ticketsSubgraph.entities, ...eventEntities], migrations: [], logger: createLogger('t', 'silent') }),
  );

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))('random permutation with duplicates, seed %i: the copy equals the source, retirements kept', async (seed) => {
    const random = seededRandom(seed);
    const { events, expected } = history(random, 40);
    await db().em.fork().nativeDelete(GridNodeEntity, {});
    await deliverScrambled(events, (e) => db().em.fork().transactional((tx) => projectionHandlers[e.type](tx, e)), random);
    const rows = await db().em.fork().find(GridNodeEntity, {}, { orderBy: { id: 'asc' } });
    expect(rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, communityId: r.communityId, compoundId: r.compoundId, parentId: r.parentId, retiredAt: r.retiredAt?.toISOString() ?? null }))).toEqual(expected);
  });
});
