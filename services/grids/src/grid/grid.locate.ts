import type { EntityManager } from '@mikro-orm/core';
import { notFound } from '@linli/platform';
import { sqlRows } from '@linli/subgraph-kit';
import { cellOf } from '../geo/cells.rules';
import { checkPoint, ringFromPairs } from '../geo/geo.rules';
import { GridEntity } from './grid.entity';
import { deepestContaining, type GridLevel } from './grid.rules';

interface Candidate {
  id: string;
  code: string;
  level: GridLevel;
  /** jsonb arrives parsed from PostgreSQL, as text from SQLite. */
  boundary: string | [number, number][] | null;
}

/**
 * `gridAt(lat, lng)`: the deepest grid whose boundary contains the point,
 * NOT_FOUND if none. However many grids there are, one indexed lookup
 * (`grid_cell`'s primary key, joined to the few grids listed under the
 * point's cell, reading only what the test needs), the exact point-in-polygon
 * test of those candidates, then the one winning row. Grids without a
 * boundary are never found. Public: residents find their grid with it.
 */
export async function gridAt(em: EntityManager, lat: number, lng: number): Promise<GridEntity> {
  const point = checkPoint(lat, lng);
  const { latCell, lngCell } = cellOf(point);
  const rows = await sqlRows<Candidate>(em, 'select g.id, g.code, g.level, g.boundary from grid_cell c join grid g on g.id = c.grid_id where c.lat_cell = ? and c.lng_cell = ?', [
    latCell,
    lngCell,
  ]);
  const best = deepestContaining(
    rows
      .filter((r) => r.boundary)
      .map((r) => ({ id: r.id, code: r.code, level: r.level, ring: ringFromPairs(typeof r.boundary === 'string' ? JSON.parse(r.boundary) : r.boundary!) })),
    point,
  );
  if (!best) throw notFound('Grid');
  return em.findOneOrFail(GridEntity, { id: best.id });
}
