import { cellOf, cellsOf } from './cells.rules';
import { checkBoundary, containsPoint, locatePoint, ringArea, ringWithin, segmentsTouch, type LatLng } from './geo.rules';

/** Points from [lng, lat] pairs (x, y), as one draws them. */
const pts = (...xy: [number, number][]): LatLng[] => xy.map(([lng, lat]) => ({ lat, lng }));
const ring = (...xy: [number, number][]) => checkBoundary(pts(...xy));
const rejection = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: Record<string, unknown>; message: string }).extensions;
  }
};

// A 0.01° square near Xi'an, and an L-shaped (concave) ring: the square minus its top-right quarter.
const O = { lng: 108.9, lat: 34.2 };
const sq = (x0: number, y0: number, x1: number, y1: number) =>
  ring([O.lng + x0, O.lat + y0], [O.lng + x1, O.lat + y0], [O.lng + x1, O.lat + y1], [O.lng + x0, O.lat + y1]);
const at = (x: number, y: number): LatLng => ({ lng: O.lng + x, lat: O.lat + y });
const SQUARE = sq(0, 0, 0.01, 0.01);
const L = ring(
  [O.lng, O.lat],
  [O.lng + 0.01, O.lat],
  [O.lng + 0.01, O.lat + 0.005],
  [O.lng + 0.005, O.lat + 0.005],
  [O.lng + 0.005, O.lat + 0.01],
  [O.lng, O.lat + 0.01],
);

describe('boundary validation (CreateGridInput.boundary)', () => {
  it('accepts a ring given open or closed and stores it closed', () => {
    const open = checkBoundary(pts([0, 0], [1e-3, 0], [0, 1e-3]));
    const closed = checkBoundary(pts([0, 0], [1e-3, 0], [0, 1e-3], [0, 0]));
    expect(open).toEqual(closed);
    expect(open).toHaveLength(4);
    expect(open[3]).toEqual(open[0]);
  });

  it('drops a point repeated in a row, then needs 3 distinct points', () => {
    expect(checkBoundary(pts([0, 0], [0, 0], [1e-3, 0], [0, 1e-3]))).toHaveLength(4);
    expect(rejection(() => checkBoundary(pts([0, 0], [1e-3, 0], [0, 0])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
    expect(rejection(() => checkBoundary(pts([0, 0], [1e-3, 0])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
    expect(rejection(() => checkBoundary([]))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
  });

  it('refuses points on one line (no area)', () => {
    expect(rejection(() => checkBoundary(pts([0, 0], [1e-3, 0], [2e-3, 0])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
  });

  it('refuses a self-intersecting ring (a bow tie)', () => {
    expect(rejection(() => checkBoundary(pts([0, 0], [1e-3, 1e-3], [1e-3, 0], [0, 1e-3])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
  });

  it('refuses a ring that touches itself at a vertex (a figure eight) or folds back (a spike)', () => {
    const eight = pts([0, 0], [1e-3, 0], [1e-3, 1e-3], [2e-3, 1e-3], [2e-3, 2e-3], [1e-3, 2e-3], [1e-3, 1e-3], [0, 1e-3]);
    expect(rejection(() => checkBoundary(eight))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
    const spike = pts([0, 0], [2e-3, 0], [1e-3, 0], [1e-3, 1e-3]);
    expect(rejection(() => checkBoundary(spike))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
  });

  it('accepts concave rings and either orientation', () => {
    expect(L).toHaveLength(7);
    expect(checkBoundary([...L].reverse())).toHaveLength(7);
    expect(ringArea(L)).toBeCloseTo(0.75e-4, 10);
  });

  it('refuses coordinates off the globe, too many points, or a grid wider than a district', () => {
    expect(rejection(() => checkBoundary(pts([0, 91], [1, 0], [0, 1])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
    expect(rejection(() => checkBoundary(pts([181, 0], [1, 0], [0, 1])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
    const many = Array.from({ length: 600 }, (_, i) => ({ lat: Math.sin((i / 600) * 2 * Math.PI) * 0.01, lng: Math.cos((i / 600) * 2 * Math.PI) * 0.01 }));
    expect(rejection(() => checkBoundary(many))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
    expect(rejection(() => checkBoundary(pts([0, 0], [0.3, 0], [0, 0.01])))).toEqual({ code: 'BAD_USER_INPUT', field: 'boundary' });
  });
});

describe('point in polygon', () => {
  it('inside, outside', () => {
    expect(locatePoint(at(0.005, 0.005), SQUARE)).toBe('INSIDE');
    expect(locatePoint(at(0.015, 0.005), SQUARE)).toBe('OUTSIDE');
    expect(locatePoint(at(-0.0001, 0.005), SQUARE)).toBe('OUTSIDE');
  });

  it('a point on an edge or a vertex is on the boundary, and counts as contained', () => {
    expect(locatePoint(at(0.005, 0), SQUARE)).toBe('ON_BOUNDARY');
    expect(locatePoint(at(0.01, 0.003), SQUARE)).toBe('ON_BOUNDARY');
    expect(locatePoint(at(0, 0), SQUARE)).toBe('ON_BOUNDARY');
    expect(locatePoint(at(0.01, 0.01), SQUARE)).toBe('ON_BOUNDARY');
    expect(containsPoint(SQUARE, at(0.01, 0.01))).toBe(true);
  });

  it('concave rings: the notch is outside, the arms inside', () => {
    expect(locatePoint(at(0.0075, 0.0075), L)).toBe('OUTSIDE');
    expect(locatePoint(at(0.0075, 0.0025), L)).toBe('INSIDE');
    expect(locatePoint(at(0.0025, 0.0075), L)).toBe('INSIDE');
    // On the edges of the notch, and at its reflex corner.
    expect(locatePoint(at(0.0075, 0.005), L)).toBe('ON_BOUNDARY');
    expect(locatePoint(at(0.005, 0.005), L)).toBe('ON_BOUNDARY');
  });

  it('a ray through a vertex counts once', () => {
    // A diamond: the horizontal ray from the centre passes exactly through the right vertex.
    const diamond = ring([0, -1e-3], [1e-3, 0], [0, 1e-3], [-1e-3, 0]);
    expect(locatePoint({ lat: 0, lng: 0 }, diamond)).toBe('INSIDE');
    expect(locatePoint({ lat: 0, lng: -2e-3 }, diamond)).toBe('OUTSIDE');
    // Rays passing through the reflex vertex of the L, from inside and from outside.
    expect(locatePoint(at(0.001, 0.005), L)).toBe('INSIDE');
    expect(locatePoint(at(-0.001, 0.005), L)).toBe('OUTSIDE');
  });
});

describe('a ring inside another (a child grid inside its parent)', () => {
  it('inside, or sharing edges and vertices with the parent', () => {
    expect(ringWithin(sq(0.002, 0.002, 0.004, 0.004), SQUARE)).toBe(true);
    expect(ringWithin(sq(0, 0, 0.005, 0.005), SQUARE)).toBe(true);
    expect(ringWithin(SQUARE, SQUARE)).toBe(true);
    expect(ringWithin(sq(0, 0, 0.005, 0.005), L)).toBe(true);
  });

  it('not when a vertex is outside', () => {
    expect(ringWithin(sq(0.008, 0.008, 0.012, 0.012), SQUARE)).toBe(false);
  });

  it('not when every vertex is inside a concave parent but an edge crosses its notch', () => {
    // A triangle with vertices in both arms of the L: its long edge cuts across the notch.
    const triangle = ring([O.lng + 0.009, O.lat + 0.004], [O.lng + 0.001, O.lat + 0.001], [O.lng + 0.004, O.lat + 0.009]);
    expect(triangle.every((p) => containsPoint(L, p))).toBe(true);
    expect(ringWithin(triangle, L)).toBe(false);
  });

  it('but yes when such an edge only grazes the reflex corner of the notch', () => {
    const triangle = ring([O.lng + 0.009, O.lat + 0.001], [O.lng + 0.001, O.lat + 0.001], [O.lng + 0.001, O.lat + 0.009]);
    expect(ringWithin(triangle, L)).toBe(true);
  });

  it('not when an edge leaves the parent touching it only at its vertices', () => {
    // From the reflex corner of the L straight to the far corner of the notch: through the notch.
    const wedge = ring([O.lng + 0.005, O.lat + 0.005], [O.lng + 0.01, O.lat + 0.005], [O.lng + 0.005, O.lat + 0.01]);
    expect(ringWithin(wedge, L)).toBe(false);
  });
});

describe('segments', () => {
  it('cross, touch, overlap or miss', () => {
    expect(segmentsTouch({ lat: 0, lng: 0 }, { lat: 1, lng: 1 }, { lat: 1, lng: 0 }, { lat: 0, lng: 1 })).toBe(true);
    expect(segmentsTouch({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 0, lng: 1 }, { lat: 1, lng: 1 })).toBe(true);
    expect(segmentsTouch({ lat: 0, lng: 0 }, { lat: 0, lng: 2 }, { lat: 0, lng: 1 }, { lat: 0, lng: 3 })).toBe(true);
    expect(segmentsTouch({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 0, lng: 2 }, { lat: 0, lng: 3 })).toBe(false);
    expect(segmentsTouch({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 1, lng: 0 }, { lat: 1, lng: 1 })).toBe(false);
  });
});

describe('the cell index', () => {
  const key = (c: { latCell: number; lngCell: number }) => `${c.latCell}:${c.lngCell}`;

  it('lists a boundary under every cell its box touches, so every contained point finds it', () => {
    const cells = new Set(cellsOf(SQUARE).map(key));
    for (const p of [at(0, 0), at(0.01, 0.01), at(0.005, 0.005), at(0.01, 0), at(0.0099999, 0.0000001)]) {
      expect(cells.has(key(cellOf(p)))).toBe(true);
    }
    // A 0.01° square is 2 × 2 cells of 0.005°, 4 × 4 when its edges lie on cell borders (widened by EPS).
    expect(cellsOf(SQUARE).length).toBeLessThanOrEqual(16);
  });

  it('a point far away falls in another cell', () => {
    expect(new Set(cellsOf(SQUARE).map(key)).has(key(cellOf(at(0.05, 0.05))))).toBe(false);
  });

  it('works on both sides of the equator and the prime meridian', () => {
    const r = ring([-0.001, -0.001], [0.001, -0.001], [0.001, 0.001], [-0.001, 0.001]);
    const cells = new Set(cellsOf(r).map(key));
    expect(cells.has(key(cellOf({ lat: -0.0005, lng: -0.0005 })))).toBe(true);
    expect(cells.has(key(cellOf({ lat: 0.0005, lng: 0.0005 })))).toBe(true);
  });
});
