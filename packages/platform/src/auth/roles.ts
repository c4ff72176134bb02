/** Roles of the token's `roles` claim (contract "Authentication"). */
export const Roles = [
  'RESIDENT',
  'GRID_WORKER',
  'COMMUNITY_STAFF',
  'HANDLER_STAFF',
  'STREET_ADMIN',
  'DISTRICT_ADMIN',
  'ANALYST',
  'SYSTEM_ADMIN',
] as const;
export type Role = (typeof Roles)[number];

/** The verified caller, as every subgraph sees it after checking the token itself. */
export interface Actor {
  /** The caller's Person id (`sub`). */
  readonly personId: string;
  readonly roles: ReadonlySet<Role>;
  /** Organisations the caller acts for; its scope is these and their subtrees. */
  readonly orgs: readonly string[];
}

export const ADMIN_ROLES: readonly Role[] = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF'];
export const STAFF_ROLES: readonly Role[] = [...ADMIN_ROLES, 'GRID_WORKER', 'HANDLER_STAFF'];

export const hasRole = (actor: Actor, ...roles: readonly Role[]) => roles.some((r) => actor.roles.has(r));
export const isSystemAdmin = (actor: Actor) => actor.roles.has('SYSTEM_ADMIN');
