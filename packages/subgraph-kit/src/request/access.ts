import { forbidden, hasRole, type Actor, type Role } from '@linli/platform';

/** FORBIDDEN unless the actor holds one of `roles`. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden();
}

/**
 * The contract's scope rule: an organisation is in the caller's scope when it
 * is one of the caller's `orgs` or lies below one of them. `ancestorIds` is
 * the organisation's path from the root (excluding itself).
 */
export function orgInScope(actor: Actor, orgId: string, ancestorIds: readonly string[]): boolean {
  if (actor.roles.has('SYSTEM_ADMIN')) return true;
  return actor.orgs.some((o) => o === orgId || ancestorIds.includes(o));
}

/** One organisation whose scope holds a person, with its path from the root (excluding itself). */
export interface PersonPlace {
  organisationId: string;
  ancestorIds: readonly string[];
}

/**
 * Contract ("Corrections"): a write may name a person (`appoint`,
 * `assignGridStaff`, `addHouseholdMember`, `onBehalfOfPersonId`, an import's
 * existing people) only when one of the places that hold the person lies in
 * the caller's scope; registering a person places them where they were
 * registered, so "registered by the caller's scope" is one of the places. The
 * one rule: organisations applies it to its own tables, the other subgraphs to
 * their copy of the placements (`requirePersonInScope`).
 */
export function mayNamePerson(actor: Actor, places: readonly PersonPlace[]): boolean {
  if (actor.roles.has('SYSTEM_ADMIN')) return true;
  return places.some((p) => orgInScope(actor, p.organisationId, p.ancestorIds));
}
