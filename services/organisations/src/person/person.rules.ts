import { hasRole, maskPhone, type Actor } from '@linli/platform';
import { orgInScope, type PersonPlace } from '@linli/subgraph-kit';

/** Roles that may see a person at all, given the person is in their scope. */
const PERSON_READERS = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER', 'HANDLER_STAFF', 'ANALYST'] as const;
/** Roles that see phones whole inside their scope (contract "Personal data"). */
const PHONE_READERS = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER'] as const;

/** An affiliation with the ancestor path of its organisation (the kit's place of a person: naming them is the kit's `mayNamePerson`). */
export type PlacedAffiliation = PersonPlace;

export function personInScope(actor: Actor, personId: string, affiliations: readonly PlacedAffiliation[]): boolean {
  if (actor.personId === personId || actor.roles.has('SYSTEM_ADMIN')) return true;
  if (!hasRole(actor, ...PERSON_READERS)) return false;
  return affiliations.some((a) => orgInScope(actor, a.organisationId, a.ancestorIds));
}

/** The phone as this caller may see it: whole for the person themself and the scope's staff, else masked. */
export function visiblePhone(actor: Actor, personId: string, phone: string, affiliations: readonly PlacedAffiliation[]): string {
  if (actor.personId === personId || actor.roles.has('SYSTEM_ADMIN')) return phone;
  const whole = hasRole(actor, ...PHONE_READERS) && affiliations.some((a) => orgInScope(actor, a.organisationId, a.ancestorIds));
  return whole ? phone : maskPhone(phone);
}

/** A person's placement as last announced (PersonPlaced): the organisations, sorted, and the instant it holds as of. */
export interface Announced {
  organisationIds: readonly string[];
  asOf: Date;
}

/**
 * The announcement a change makes, or null when it changes nothing. Only a
 * changed set is announced: a reporter's hundredth ticket in their community
 * places them nowhere new, and every announcement is an event that grids
 * and tickets apply. The copies keep the newest `asOf`, so an announcement's
 * instant is after the last one's even when its event arrived out of order
 * (a ticket event committed a moment before an earlier-delivered one):
 * otherwise the copies would ignore it and keep the older set.
 */
export function nextPlacement(last: Announced | null, organisationIds: readonly string[], at: Date): Announced | null {
  const ids = [...new Set(organisationIds)].sort();
  if (last && last.organisationIds.length === ids.length && last.organisationIds.every((id, i) => id === ids[i])) return null;
  const asOf = last && last.asOf.getTime() >= at.getTime() ? new Date(last.asOf.getTime() + 1) : at;
  return { organisationIds: ids, asOf };
}
