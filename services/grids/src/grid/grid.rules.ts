import { badInput, checkName } from '@linli/platform';
import { containsPoint, ringArea, type LatLng } from '../geo/geo.rules';

export const GridLevels = ['COMMUNITY_AREA', 'COMPOUND', 'BUILDING_UNIT'] as const;
export type GridLevel = (typeof GridLevels)[number];

/** Depth of a level: COMMUNITY_AREA > COMPOUND > BUILDING_UNIT (contract "Grids and visits"). */
export const LEVEL_DEPTH: Record<GridLevel, number> = { COMMUNITY_AREA: 0, COMPOUND: 1, BUILDING_UNIT: 2 };

/** Levels nest (contract "Grids"): a BUILDING_UNIT under a COMPOUND grid under a COMMUNITY_AREA grid. */
const PARENT_LEVEL: Record<GridLevel, GridLevel | null> = {
  COMMUNITY_AREA: null,
  COMPOUND: 'COMMUNITY_AREA',
  BUILDING_UNIT: 'COMPOUND',
};

export function checkGridNesting(level: GridLevel, parentLevel: GridLevel | null): void {
  const expected = PARENT_LEVEL[level];
  // A compound grid may stand alone where a community has no area grids.
  if (parentLevel === null && expected !== null && level !== 'COMPOUND') {
    throw badInput('parentId', `A ${level} grid needs a ${expected} parent grid`);
  }
  if (parentLevel !== null && parentLevel !== expected) {
    throw badInput('parentId', `A ${level} grid cannot sit under a ${parentLevel} grid`);
  }
}

export function checkGridCode(code: string): string {
  const v = code.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(v)) throw badInput('code', 'code must be 1–40 letters, digits, - or _');
  return v;
}

export function checkCount(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw badInput(field, `${field} must be a whole number from 0 to 1,000,000`);
  return value;
}

/**
 * The compound a grid lies in. A grid inside a compound's grid lies in that
 * compound too: a child inherits its parent's compound and may not name
 * another one. A grid whose parent has no compound (or a top-level grid) may
 * name one, or none.
 */
export function gridCompound(parentCompoundId: string | null, given: string | null | undefined): string | null {
  if (parentCompoundId) {
    if (given && given !== parentCompoundId) throw badInput('compoundId', 'The grid lies in its parent grid’s compound');
    return parentCompoundId;
  }
  return given ?? null;
}

/** Ancestor ids as stored in `grid.path`, and back. */
export const gridPath = (ancestorIds: readonly string[]) => (ancestorIds.length ? `/${ancestorIds.join('/')}/` : '/');
export const gridAncestors = (path: string) => path.split('/').filter(Boolean);

export interface LocatedGrid {
  id: string;
  code: string;
  level: GridLevel;
  ring: readonly LatLng[];
}

/**
 * `gridAt`: the deepest grid whose boundary contains the point (a point on an
 * edge or a vertex is contained). Where grids of the same depth overlap or
 * share the edge the point lies on, the smaller one wins, then the smaller
 * code, so the answer never depends on storage order. Null when none does.
 */
export function deepestContaining<G extends LocatedGrid>(candidates: readonly G[], point: LatLng): G | null {
  const containing = candidates.filter((g) => containsPoint(g.ring, point)).map((g) => ({ g, area: ringArea(g.ring) }));
  // Areas equal but for floating-point noise count as equal, so the code decides.
  const byArea = (a: number, b: number) => (Math.abs(a - b) <= 1e-9 * Math.max(a, b) ? 0 : a - b);
  containing.sort(
    (a, b) => LEVEL_DEPTH[b.g.level] - LEVEL_DEPTH[a.g.level] || byArea(a.area, b.area) || (a.g.code < b.g.code ? -1 : a.g.code > b.g.code ? 1 : 0),
  );
  return containing[0]?.g ?? null;
}

/** The fields of updateGrid that were given (boundary still to be checked against parent and children); omitted fields stay. */
export function gridChanges(input: { name?: string | null; households?: number | null; residents?: number | null }): {
  name?: string;
  households?: number;
  residents?: number;
} {
  const out: { name?: string; households?: number; residents?: number } = {};
  if (input.name !== undefined && input.name !== null) out.name = checkName('name', input.name);
  if (input.households !== undefined && input.households !== null) out.households = checkCount('households', input.households);
  if (input.residents !== undefined && input.residents !== null) out.residents = checkCount('residents', input.residents);
  return out;
}

/**
 * Contract: a grid with active (unretired) children or active staff cannot be
 * retired; a retired grid is not retired again. Returns the CONFLICT message, or null.
 */
export function retireProblem(retired: boolean, activeChildren: number, activeStaff: number): string | null {
  if (retired) return 'The grid is already retired';
  if (activeChildren > 0) return 'The grid still has active child grids: retire them first';
  if (activeStaff > 0) return 'The grid still has active staff: unassign them first';
  return null;
}
