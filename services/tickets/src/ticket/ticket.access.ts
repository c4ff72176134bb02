import { STAFF_ROLES, hasRole, maskPhone, type Actor, type Role } from '@linli/platform';
import type { EscalationLevel, TicketStatus } from './ticket.rules';

// Who sees and who may act on a ticket (contract "Who may do what" and
// "Personal data"), as pure functions of the caller and the ticket. The list
// queries apply the same rules in SQL (ticket.visibility.ts).

/** One organisation the caller acts for, placed in the tree. */
export interface ScopeRoot {
  id: string;
  kind: string;
  /** Where its subtree starts in a `scope_path`: `${node.path}${node.id}/`. */
  prefix: string;
}

/** The caller and the subtrees it acts for. */
export interface Viewer {
  actor: Actor;
  /** The caller's organisations known to this subgraph's copy of the tree. */
  scopes: readonly ScopeRoot[];
}

/** What the rules need to know of a ticket. */
export interface TicketFacts {
  reporterId: string;
  /** The community's path including itself, `/d/s/c/`. */
  scopePath: string;
  escalationLevel: EscalationLevel;
  status: TicketStatus;
  assigneeId: string | null;
  /** Organisations that accepted the ticket at some time (they keep seeing what they handled). */
  handlerIds: readonly string[];
}

/** Read everything in their scope (analysts write nothing; that is checked per write). */
export const SCOPE_READERS: readonly Role[] = ['DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'ANALYST'];
/** Grid workers see their scope's tickets at these levels only. */
export const GRID_WORKER_LEVELS: readonly EscalationLevel[] = ['COMPOUND', 'COMMUNITY'];
/** See contact phones whole inside their scope. */
const PHONE_READERS: readonly Role[] = ['DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER'];
/** Who dispatches and escalates at each level (contract "Escalation levels and who dispatches there"). */
export const DISPATCHERS: Record<EscalationLevel, readonly Role[]> = {
  COMPOUND: ['GRID_WORKER', 'COMMUNITY_STAFF'],
  COMMUNITY: ['GRID_WORKER', 'COMMUNITY_STAFF'],
  STREET: ['STREET_ADMIN'],
  DISTRICT: ['DISTRICT_ADMIN'],
};
/** May submit for someone else, or as themselves outside the RESIDENT role, inside their scope. */
export const SUBMITTING_STAFF: readonly Role[] = ['GRID_WORKER', 'COMMUNITY_STAFF', 'STREET_ADMIN', 'DISTRICT_ADMIN'];

export const isSystemAdmin = (v: Viewer) => v.actor.roles.has('SYSTEM_ADMIN');
export const inScope = (v: Viewer, scopePath: string) => v.scopes.some((s) => scopePath.startsWith(s.prefix));
export const isReporter = (v: Viewer, t: Pick<TicketFacts, 'reporterId'>) => v.actor.personId === t.reporterId;

/** Staff of an organisation act for it (not for the organisations below it: a district admin is not a firm's staff). */
export const actsFor = (actor: Actor, orgId: string | null) => !!orgId && hasRole(actor, ...STAFF_ROLES) && actor.orgs.includes(orgId);

export function canSeeTicket(v: Viewer, t: TicketFacts): boolean {
  if (isSystemAdmin(v) || isReporter(v, t)) return true;
  if (hasRole(v.actor, ...SCOPE_READERS) && inScope(v, t.scopePath)) return true;
  if (v.actor.roles.has('GRID_WORKER') && GRID_WORKER_LEVELS.includes(t.escalationLevel) && inScope(v, t.scopePath)) return true;
  // Handlers: while assigned to their organisation, and afterwards the ones it handled.
  return actsFor(v.actor, t.assigneeId) || t.handlerIds.some((id) => actsFor(v.actor, id));
}

/** The dispatcher's role must fit the ticket's level, inside the caller's scope. */
export function canDispatchAt(v: Viewer, t: Pick<TicketFacts, 'scopePath' | 'escalationLevel'>): boolean {
  if (isSystemAdmin(v)) return true;
  return hasRole(v.actor, ...DISPATCHERS[t.escalationLevel]) && inScope(v, t.scopePath);
}

export type ActorAction = 'DISPATCH' | 'ESCALATE' | 'ACCEPT' | 'RETURN' | 'RESOLVE' | 'CANCEL' | 'RATE' | 'REOPEN';

/** Whether the caller may issue this command on this ticket at all (the state machine decides whether it applies now). */
export function mayAct(v: Viewer, t: TicketFacts, action: ActorAction): boolean {
  switch (action) {
    case 'DISPATCH':
    case 'ESCALATE':
      return canDispatchAt(v, t);
    case 'ACCEPT':
    case 'RETURN':
    case 'RESOLVE':
      return isSystemAdmin(v) || actsFor(v.actor, t.assigneeId);
    case 'CANCEL':
    case 'RATE':
    case 'REOPEN':
      // Contract: the reporter only (a rating feeds the firm's assessment; nobody rates for a resident).
      return isReporter(v, t);
  }
}

/**
 * Submitting: a resident as themself anywhere; staff as themselves or on a
 * resident's behalf for a grid of their scope; a system admin anywhere.
 */
export function maySubmit(v: Viewer, scopePath: string, onBehalf: boolean): boolean {
  if (isSystemAdmin(v)) return true;
  if (hasRole(v.actor, ...SUBMITTING_STAFF) && inScope(v, scopePath)) return true;
  return !onBehalf && v.actor.roles.has('RESIDENT');
}

/**
 * `contactPhone` whole for the reporter, the scope's community staff, grid
 * workers and admins, and the assignee's staff while DISPATCHED or ACCEPTED;
 * masked (138****5678) for everyone else (contract "Personal data").
 */
export function phoneIsWhole(v: Viewer, t: TicketFacts): boolean {
  if (isSystemAdmin(v) || isReporter(v, t)) return true;
  if (hasRole(v.actor, ...PHONE_READERS) && inScope(v, t.scopePath)) return true;
  return (t.status === 'DISPATCHED' || t.status === 'ACCEPTED') && actsFor(v.actor, t.assigneeId);
}

/** Roles the organisations subgraph lets see a person of their scope. */
const PERSON_READERS: readonly Role[] = ['DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER', 'HANDLER_STAFF', 'ANALYST'];

/**
 * Whether the caller may see the reporter at all: the same answer the
 * organisations subgraph gives (the reporter is placed in the ticket's
 * community, and in the assignee's scope while dispatched there). Decided
 * here too, so a key-only selection (`reporter { id }`), which the gateway
 * never sends to organisations, is null where the contract says null.
 */
export function reporterVisible(v: Viewer, t: TicketFacts): boolean {
  if (isSystemAdmin(v) || isReporter(v, t)) return true;
  if (hasRole(v.actor, ...PERSON_READERS) && inScope(v, t.scopePath)) return true;
  return (t.status === 'DISPATCHED' || t.status === 'ACCEPTED') && actsFor(v.actor, t.assigneeId);
}

/**
 * Whether a person named on a visible ticket (a timeline actor) may be shown
 * to the caller: the caller themself, or a role that sees people of the
 * ticket's scope. Decided here as well as in organisations because a key-only
 * selection (`actor { id }`) never reaches organisations.
 */
export function personVisible(v: Viewer, scopePath: string, personId: string): boolean {
  if (isSystemAdmin(v) || v.actor.personId === personId) return true;
  return hasRole(v.actor, ...PERSON_READERS) && inScope(v, scopePath);
}

export function visibleContactPhone(v: Viewer, t: TicketFacts, phone: string | null): string | null {
  if (phone === null) return null;
  return phoneIsWhole(v, t) ? phone : maskPhone(phone);
}

/** Scheduling deliberations, keeping the service menu: staff and admins of the community (not analysts, firms or residents). */
export const COMMUNITY_WRITERS: readonly Role[] = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF'];
export const DELIBERATION_WRITERS: readonly Role[] = [...COMMUNITY_WRITERS, 'GRID_WORKER'];
