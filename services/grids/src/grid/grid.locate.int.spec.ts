import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { cellOf, cellsOf } from '../geo/cells.rules';
import { checkBoundary, ringToPairs, type LatLng } from '../geo/geo.rules';
import { GridCellEntity, GridEntity } from './grid.entity';
import { gridAt } from './grid.locate';
import { deepestContaining, type GridLevel } from './grid.rules';

/**
 * `gridAt` on thousands of grids, on a real (SQLite) database: the answer is
 * the brute-force answer over every polygon, yet each lookup only reads the
 * few grids listed under the point's cell.
 */
describe('gridAt over a district of grids', () => {
  const SIDE = 50; // 50 × 50 building grids of 0.001° (~100 m), inside one area grid
  const O = { lat: 34.2, lng: 108.9 };
  const square = (x0: number, y0: number, size: number) =>
    checkBoundary([
      { lat: O.lat + y0, lng: O.lng + x0 },
      { lat: O.lat + y0, lng: O.lng + x0 + size },
      { lat: O.lat + y0 + size, lng: O.lng + x0 + size },
      { lat: O.lat + y0 + size, lng: O.lng + x0 },
    ]);
  const grids: { id: string; code: string; level: GridLevel; ring: LatLng[] }[] = [];
  let orm: MikroORM;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'grids-locate-'));
    orm = await openDatabase({
      service: 'grids-locate',
      target: { driver: 'sqlite', file: path.join(dir, 'grids.db') },
      entities: [GridEntity, GridCellEntity],
      migrations: [],
      logger: createLogger('test', 'silent'),
    });
    grids.push({ id: 'area', code: 'A', level: 'COMMUNITY_AREA', ring: square(0, 0, SIDE * 0.001) });
    for (let i = 0; i < SIDE; i++) {
      for (let j = 0; j < SIDE; j++) grids.push({ id: `b-${i}-${j}`, code: `B-${String(i).padStart(2, '0')}-${String(j).padStart(2, '0')}`, level: 'BUILDING_UNIT', ring: square(i * 0.001, j * 0.001, 0.001) });
    }
    const em = orm.em.fork();
    for (const g of grids) {
      em.create(GridEntity, {
        ...g,
        name: g.code,
        districtId: 'd',
        communityId: 'c',
        compoundId: null,
        parentId: g.id === 'area' ? null : 'area',
        path: g.id === 'area' ? '/' : '/area/',
        households: 30,
        residents: 90,
        boundary: ringToPairs(g.ring),
        createdAt: new Date(),
      });
      for (const cell of cellsOf(g.ring)) em.create(GridCellEntity, { ...cell, gridId: g.id });
    }
    await em.flush();
  });

  afterAll(async () => {
    await orm?.close(true);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers as the brute-force search over every polygon would, on edges and vertices too', async () => {
    // A pseudo-random but fixed set of points, plus lattice corners and edges, plus points outside.
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const points: LatLng[] = [];
    for (let k = 0; k < 150; k++) points.push({ lat: O.lat + rand() * 0.06 - 0.005, lng: O.lng + rand() * 0.06 - 0.005 });
    for (let k = 0; k < 30; k++) {
      const i = Math.floor(rand() * SIDE);
      const j = Math.floor(rand() * SIDE);
      points.push({ lat: O.lat + j * 0.001, lng: O.lng + i * 0.001 }, { lat: O.lat + j * 0.001 + 0.0005, lng: O.lng + i * 0.001 });
    }
    for (const p of points) {
      const expected = deepestContaining(grids, p);
      const found = await gridAt(orm.em.fork(), p.lat, p.lng).then(
        (g) => g.id,
        (e: { extensions?: { code?: string } }) => e.extensions?.code,
      );
      expect({ p, found }).toEqual({ p, found: expected ? expected.id : 'NOT_FOUND' });
    }
  });

  it('reads only the grids listed under the point’s cell, a handful of the 2,501', async () => {
    const em = orm.em.fork();
    let most = 0;
    for (let k = 0; k < SIDE; k += 7) {
      const candidates = await em.count(GridCellEntity, cellOf({ lat: O.lat + k * 0.001 + 0.0003, lng: O.lng + k * 0.001 + 0.0007 }));
      most = Math.max(most, candidates);
    }
    // A 0.005° cell holds 5 × 5 building grids, up to 7 × 7 with those on its borders, and the area grid.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(50);
    expect(grids.length).toBe(2501);
  });
});
