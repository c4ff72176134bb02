import { EPS, boundingBox, type LatLng, type Ring } from './geo.rules';

/**
 * The spatial index behind `gridAt`: the plane is cut into cells of
 * CELL_DEGREES (~550 m north–south); each boundary is listed under every cell
 * its bounding box touches (`grid_cell`, primary key (lat_cell, lng_cell,
 * grid_id)). Finding the grids at a point is one equality lookup of the
 * point's cell, then an exact point-in-polygon test of those few candidates:
 * never a scan of every polygon, and the same plain B-tree on PostgreSQL and
 * SQLite. A boundary is at most MAX_BOUNDARY_SPAN wide, so at most 41 × 41
 * cells.
 */
export const CELL_DEGREES = 0.005;

export interface Cell {
  latCell: number;
  lngCell: number;
}

// Floor of a monotone function of the coordinate: a point inside a bounding
// box always falls in one of the box's cells, even on its edge.
const index = (degrees: number) => Math.floor(degrees / CELL_DEGREES);

export const cellOf = (p: LatLng): Cell => ({ latCell: index(p.lat), lngCell: index(p.lng) });

/** Every cell the ring's bounding box touches (widened by EPS: points within EPS of an edge count as on it). */
export function cellsOf(ring: Ring): Cell[] {
  const box = boundingBox(ring);
  const cells: Cell[] = [];
  for (let latCell = index(box.minLat - EPS); latCell <= index(box.maxLat + EPS); latCell++) {
    for (let lngCell = index(box.minLng - EPS); lngCell <= index(box.maxLng + EPS); lngCell++) cells.push({ latCell, lngCell });
  }
  return cells;
}
