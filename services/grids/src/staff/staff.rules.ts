import { badInput } from '@linli/platform';

export const GridRoles = [
  'GRID_LEADER',
  'GRID_MEMBER',
  'MICRO_GRID_MEMBER',
  'BUILDING_STEWARD',
  'INFORMATION_OFFICER',
  'BUILDING_HEAD',
  'PARTY_MEMBER_HOUSEHOLD',
  'COMPOUND_HEAD',
] as const;
export type GridRole = (typeof GridRoles)[number];

export interface Term {
  since: Date;
  until: Date | null;
}

/** An assignment is active from `since` until it is ended (`until`, exclusive). */
export const isActiveAt = (a: Term, at: Date) => a.since.getTime() <= at.getTime() && (a.until === null || a.until.getTime() > at.getTime());

/** Person ids are the organisations subgraph's (and a token's `sub`): 1–64 characters. */
export function checkPersonId(field: string, id: string): string {
  const v = id.trim();
  if (v.length < 1 || v.length > 64) throw badInput(field, `${field} must be 1–64 characters`);
  return v;
}
