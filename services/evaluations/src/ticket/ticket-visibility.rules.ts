import { STAFF_ROLES, hasRole, isSystemAdmin, type Actor } from '@linli/platform';

/** What the rule needs of a ticket, from this service's ticket facts. */
export interface VisibleTicketFacts {
  reporterId: string | null;
  escalationLevel: string | null;
  assigneeId: string | null;
  resolvedById: string | null;
}

const SCOPE_READERS = ['DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'ANALYST'] as const;
const GRID_WORKER_LEVELS = ['COMPOUND', 'COMMUNITY'];

/**
 * Whether the caller may see a ticket, by the tickets subgraph's rules
 * (contract "Who may do what"): the reporter; readers of its community's
 * scope; grid workers of the scope at the COMPOUND and COMMUNITY levels; the
 * staff of its assignee and of the firm that resolved it. Decided here so a
 * deduction's key-only `ticket { id }`, which the gateway never sends to the
 * tickets subgraph, is null where the contract says null.
 */
export function mayReferenceTicket(actor: Actor, t: VisibleTicketFacts, communityInScope: boolean): boolean {
  if (isSystemAdmin(actor) || (t.reporterId !== null && actor.personId === t.reporterId)) return true;
  if (communityInScope && hasRole(actor, ...SCOPE_READERS)) return true;
  if (communityInScope && actor.roles.has('GRID_WORKER') && t.escalationLevel !== null && GRID_WORKER_LEVELS.includes(t.escalationLevel)) return true;
  return hasRole(actor, ...STAFF_ROLES) && [t.assigneeId, t.resolvedById].some((id) => id !== null && actor.orgs.includes(id));
}
