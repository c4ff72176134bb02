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
