import { badInput, type OrganisationKind } from '@linli/platform';
import { isValidCreditCode } from './credit-code';

export { OrganisationKinds, type OrganisationKind } from '@linli/platform';

/**
 * Where each kind may sit in the tree (issue: "a STREET sits under a DISTRICT,
 * a COMMUNITY under a STREET, party groups under branches or committees…").
 * `null` means it may be a root; only a DISTRICT is.
 */
export const ALLOWED_PARENTS: Record<OrganisationKind, readonly (OrganisationKind | null)[]> = {
  DISTRICT: [null],
  STREET: ['DISTRICT'],
  COMMUNITY: ['STREET'],
  PARTY_COMMITTEE: ['DISTRICT', 'STREET', 'COMMUNITY'],
  PARTY_BRANCH: ['PARTY_COMMITTEE', 'COMMUNITY', 'PROPERTY_FIRM'],
  PARTY_GROUP: ['PARTY_BRANCH', 'PARTY_COMMITTEE'],
  PROPERTY_FIRM: ['DISTRICT', 'STREET'],
  OWNERS_COMMITTEE: ['COMMUNITY'],
  PROPERTY_MANAGEMENT_COMMITTEE: ['COMMUNITY'],
  GOVERNMENT_DEPARTMENT: ['DISTRICT', 'STREET'],
  POLICE_STATION: ['DISTRICT', 'STREET'],
  ENFORCEMENT_SQUAD: ['DISTRICT', 'STREET'],
  MEDIATION_ROOM: ['STREET', 'COMMUNITY'],
  SOCIAL_ORGANISATION: ['DISTRICT', 'STREET', 'COMMUNITY'],
  VOLUNTEER_TEAM: ['DISTRICT', 'STREET', 'COMMUNITY'],
  ENTERPRISE: ['DISTRICT', 'STREET', 'COMMUNITY'],
};


export function checkPlacement(kind: OrganisationKind, parentKind: OrganisationKind | null): void {
  if (!ALLOWED_PARENTS[kind].includes(parentKind)) {
    const allowed = ALLOWED_PARENTS[kind].map((k) => k ?? 'no parent').join(', ');
    throw badInput('parentId', `A ${kind} must sit under: ${allowed}`);
  }
}

/** GB 32100-2015; required for firms (contract), optional but still checked for others. */
export function checkCreditCode(kind: OrganisationKind, code: string | null | undefined): string | null {
  const value = code?.trim().toUpperCase() || null;
  if (!value) {
    if (kind === 'PROPERTY_FIRM') throw badInput('creditCode', 'A property firm needs its unified social credit code');
    return null;
  }
  if (!isValidCreditCode(value)) throw badInput('creditCode', 'creditCode is not a valid unified social credit code (GB 32100-2015)');
  return value;
}

/** Ancestor ids from the root, for a child of `parent`. */
export function childPath(parent: { id: string; ancestorIds: readonly string[] } | null): string[] {
  return parent ? [...parent.ancestorIds, parent.id] : [];
}
