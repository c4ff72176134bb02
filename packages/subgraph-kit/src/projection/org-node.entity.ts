import { badInput } from '@linli/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * A subgraph's own copy of the organisation tree, fed by the organisations
 * events, so it can scope reads and writes without calling that subgraph.
 */
export interface OrgNode {
  [OptionalProps]?: 'nameVersion' | 'placeVersion' | 'deactivatedAt';
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  /** Ancestor ids from the root as `/a/b/c/` (excluding itself): subtree = `path LIKE '/…/id/%'`. */
  path: string;
  updatedAt: Date;
  /** Producer's sequence of the name (and kind) applied; -1 while only known from a later event (placeholder). */
  nameVersion: number;
  /** Producer's sequence of the place (parent) applied; -1 while unknown (the path then comes from the event's chain). */
  placeVersion: number;
  /** Set by `organisation.deactivated` (final: nothing reactivates): it takes no new work here (`requireActiveOrg`). */
  deactivatedAt?: Date | null;
}

export const OrgNodeSchema = new EntitySchema<OrgNode>({
  name: 'OrgNode',
  tableName: 'org_node',
  properties: {
    id: { type: 'string', length: 36, primary: true },
    name: { type: 'string', length: 100 },
    kind: { type: 'string', length: 40, index: true },
    parentId: { type: 'string', length: 36, nullable: true, index: true },
    path: { type: 'string', length: 1000, index: true },
    updatedAt: { type: 'datetime' },
    nameVersion: { type: 'integer', default: -1 },
    placeVersion: { type: 'integer', default: -1 },
    deactivatedAt: { type: 'datetime', nullable: true },
  },
});

export const orgPath = (ancestorIds: readonly string[]) => (ancestorIds.length ? `/${ancestorIds.join('/')}/` : '/');
export const orgAncestors = (path: string) => path.split('/').filter(Boolean);

/**
 * Contract ("Keeping master data current"): a deactivated organisation takes
 * no new dispatches, appointments, compounds or grids; what it already has
 * stays readable. One rule for every service that hands it new work:
 * BAD_USER_INPUT on the field that named it.
 */
export function requireActiveOrg<T extends { deactivatedAt?: Date | null }>(node: T, field: string): T {
  if (node.deactivatedAt) throw badInput(field, `${field} is a deactivated organisation: it takes no new work`);
  return node;
}
