import { checkBoundary } from '../geo/geo.rules';
import { checkCount, checkGridCode, checkGridNesting, deepestContaining, gridAncestors, gridChanges, gridCompound, gridPath, retireProblem, type GridLevel } from './grid.rules';

const field = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: { field: string } }).extensions.field;
  }
};

describe('grid rules', () => {
  it('levels nest: building units under compound grids under community area grids', () => {
    expect(field(() => checkGridNesting('COMMUNITY_AREA', null))).toBeNull();
    expect(field(() => checkGridNesting('COMPOUND', 'COMMUNITY_AREA'))).toBeNull();
    expect(field(() => checkGridNesting('BUILDING_UNIT', 'COMPOUND'))).toBeNull();
    // A compound grid may stand alone where a community has no area grids.
    expect(field(() => checkGridNesting('COMPOUND', null))).toBeNull();
  });

  it('refuses levels out of order', () => {
    expect(field(() => checkGridNesting('BUILDING_UNIT', null))).toBe('parentId');
    expect(field(() => checkGridNesting('BUILDING_UNIT', 'COMMUNITY_AREA'))).toBe('parentId');
    expect(field(() => checkGridNesting('BUILDING_UNIT', 'BUILDING_UNIT'))).toBe('parentId');
    expect(field(() => checkGridNesting('COMMUNITY_AREA', 'COMPOUND'))).toBe('parentId');
    expect(field(() => checkGridNesting('COMMUNITY_AREA', 'COMMUNITY_AREA'))).toBe('parentId');
    expect(field(() => checkGridNesting('COMPOUND', 'COMPOUND'))).toBe('parentId');
  });

  it('codes and counts', () => {
    expect(checkGridCode(' XG-01 ')).toBe('XG-01');
    expect(field(() => checkGridCode('西关'))).toBe('code');
    expect(field(() => checkGridCode(''))).toBe('code');
    expect(field(() => checkGridCode('x'.repeat(41)))).toBe('code');
    expect(field(() => checkCount('households', -1))).toBe('households');
    expect(field(() => checkCount('residents', 1.5))).toBe('residents');
    expect(field(() => checkCount('residents', 1_000_001))).toBe('residents');
    expect(checkCount('residents', 0)).toBe(0);
  });

  it('a grid inherits its parent grid’s compound and may not name another', () => {
    expect(gridCompound('c1', undefined)).toBe('c1');
    expect(gridCompound('c1', 'c1')).toBe('c1');
    expect(field(() => gridCompound('c1', 'c2'))).toBe('compoundId');
    expect(gridCompound(null, 'c2')).toBe('c2');
    expect(gridCompound(null, null)).toBeNull();
  });

  it('stores the chain of ancestor grids as a path', () => {
    expect(gridPath([])).toBe('/');
    expect(gridPath(['a', 'b'])).toBe('/a/b/');
    expect(gridAncestors('/a/b/')).toEqual(['a', 'b']);
    expect(gridAncestors('/')).toEqual([]);
  });
});

describe('the deepest grid at a point', () => {
  const square = (x0: number, y0: number, x1: number, y1: number) =>
    checkBoundary([
      { lng: x0, lat: y0 },
      { lng: x1, lat: y0 },
      { lng: x1, lat: y1 },
      { lng: x0, lat: y1 },
    ]);
  const grid = (id: string, level: GridLevel, ring: ReturnType<typeof square>) => ({ id, code: id, level, ring });
  // An area grid, a compound grid inside it, and two building grids sharing an edge at x = 0.002.
  const area = grid('A', 'COMMUNITY_AREA', square(0, 0, 0.01, 0.01));
  const compound = grid('C', 'COMPOUND', square(0, 0, 0.004, 0.004));
  const west = grid('B1', 'BUILDING_UNIT', square(0, 0, 0.002, 0.002));
  const east = grid('B2', 'BUILDING_UNIT', square(0.002, 0, 0.004, 0.002));
  const all = [area, compound, west, east];

  it('picks the deepest level containing the point', () => {
    expect(deepestContaining(all, { lng: 0.001, lat: 0.001 })?.id).toBe('B1');
    expect(deepestContaining(all, { lng: 0.003, lat: 0.003 })?.id).toBe('C');
    expect(deepestContaining(all, { lng: 0.008, lat: 0.008 })?.id).toBe('A');
  });

  it('none when no boundary contains the point', () => {
    expect(deepestContaining(all, { lng: 0.02, lat: 0.02 })).toBeNull();
    expect(deepestContaining([], { lng: 0, lat: 0 })).toBeNull();
  });

  it('on a shared edge: both contain it; the smaller, then the lower code, wins whatever the order', () => {
    const onEdge = { lng: 0.002, lat: 0.001 };
    expect(deepestContaining(all, onEdge)?.id).toBe('B1');
    expect(deepestContaining([...all].reverse(), onEdge)?.id).toBe('B1');
    const smaller = grid('B9', 'BUILDING_UNIT', square(0.002, 0, 0.003, 0.002));
    expect(deepestContaining([east, smaller, west], onEdge)?.id).toBe('B9');
  });

  it('on the outer edge of the area grid it is still found', () => {
    expect(deepestContaining(all, { lng: 0.01, lat: 0.005 })?.id).toBe('A');
    expect(deepestContaining(all, { lng: 0.01, lat: 0.01 })?.id).toBe('A');
  });
});

describe('updating and retiring grids', () => {
  it('checks only the given fields, by the rules of creating', () => {
    expect(gridChanges({})).toEqual({});
    expect(gridChanges({ name: ' East ', households: null, residents: 12 })).toEqual({ name: 'East', residents: 12 });
    expect(field(() => gridChanges({ name: '   ' }))).toBe('name');
    expect(field(() => gridChanges({ households: -1 }))).toBe('households');
    expect(field(() => gridChanges({ residents: 1.5 }))).toBe('residents');
  });

  it('refuses to retire a retired grid, one with active children, one with active staff', () => {
    expect(retireProblem(false, 0, 0)).toBeNull();
    expect(retireProblem(true, 0, 0)).toMatch(/already retired/);
    expect(retireProblem(false, 1, 0)).toMatch(/child grids/);
    expect(retireProblem(false, 0, 2)).toMatch(/staff/);
  });
});
