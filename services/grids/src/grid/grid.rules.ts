import { badInput } from '@linli/platform';

export const GridLevels = ['COMMUNITY_AREA', 'COMPOUND', 'BUILDING_UNIT'] as const;
export type GridLevel = (typeof GridLevels)[number];

/** Levels nest (contract "Grids"): a BUILDING_UNIT under a COMPOUND grid under a COMMUNITY_AREA grid. */
const PARENT_LEVEL: Record<GridLevel, GridLevel | null> = {
  COMMUNITY_AREA: null,
  COMPOUND: 'COMMUNITY_AREA',
  BUILDING_UNIT: 'COMPOUND',
};

export function checkGridNesting(level: GridLevel, parentLevel: GridLevel | null): void {
  const expected = PARENT_LEVEL[level];
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
