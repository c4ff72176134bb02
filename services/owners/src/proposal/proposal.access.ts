import { ADMIN_ROLES, hasRole, STAFF_ROLES, type Actor } from '@linli/platform';
import { orgInScope } from '@linli/subgraph-kit';
import type { ReviewStage } from './proposal.rules';

/** What the who-may rules need to know about a compound (this service's projection). */
export interface CompoundAccess {
  communityId: string;
  /** The community's ancestors, root first. */
  communityAncestorIds: readonly string[];
  partyOrganisationId: string | null;
  ownersCommitteeId: string | null;
  propertyFirmId: string | null;
  managementMode: string;
}

/** "Acting for" an organisation: the token's `orgs` holds that organisation itself, with a staff or admin role. */
export const actsFor = (actor: Actor, orgId: string | null): boolean => !!orgId && actor.orgs.includes(orgId) && hasRole(actor, ...STAFF_ROLES);

const isSystemAdmin = (actor: Actor) => actor.roles.has('SYSTEM_ADMIN');
const communityInScope = (actor: Actor, c: CompoundAccess) => orgInScope(actor, c.communityId, c.communityAncestorIds);

/** Community staff and admins whose scope holds the compound. */
export const isScopeAdmin = (actor: Actor, c: CompoundAccess): boolean => hasRole(actor, ...ADMIN_ROLES) && communityInScope(actor, c);

/** Draft and submit: staff acting for the owners' committee, or community staff and admins of the scope. */
export const mayDraft = (actor: Actor, c: CompoundAccess): boolean => isSystemAdmin(actor) || actsFor(actor, c.ownersCommitteeId) || isScopeAdmin(actor, c);

/**
 * The party review is by staff acting for the compound's party organisation
 * (for the community when it has none); the committee review, opening and
 * closing the vote by staff acting for the owners' committee (community
 * staff when it has none).
 */
export function mayReview(actor: Actor, c: CompoundAccess, stage: ReviewStage): boolean {
  if (isSystemAdmin(actor)) return true;
  const org = stage === 'PARTY' ? c.partyOrganisationId : c.ownersCommitteeId;
  // Without that organisation the community stands in, through its community staff (not its grid workers or handlers).
  return org ? actsFor(actor, org) : actsFor(actor, c.communityId) && hasRole(actor, 'COMMUNITY_STAFF');
}

/** Reviews at some stage: a caller who reviews at none is FORBIDDEN before learning where the proposal stands. */
export const mayReviewAtAll = (actor: Actor, c: CompoundAccess): boolean => mayReview(actor, c, 'PARTY') || mayReview(actor, c, 'COMMITTEE');

export const mayRunVote = (actor: Actor, c: CompoundAccess): boolean => mayReview(actor, c, 'COMMITTEE');

/**
 * Proposals, reviews and tallies: every authenticated caller in the
 * compound's scope, the organisations that review them (party, committee)
 * and the compound's residents (`isResident`: a member of one of its
 * households). Not the managing firm: it is outside the compound's scope,
 * and a proposal may be to dismiss it (contract, "Who reads").
 */
export const mayRead = (actor: Actor, c: CompoundAccess, isResident: boolean): boolean =>
  isResident || communityInScope(actor, c) || [c.partyOrganisationId, c.ownersCommitteeId].some((o) => !!o && actor.orgs.includes(o));

/** Fee payments: staff of the managing firm when COMMERCIAL, community staff and admins otherwise. */
export const mayRecordPayment = (actor: Actor, c: CompoundAccess): boolean =>
  isSystemAdmin(actor) || (c.managementMode === 'COMMERCIAL' ? actsFor(actor, c.propertyFirmId) : isScopeAdmin(actor, c));

/** Public fund spending: the owners' committee's staff or community staff and admins of the scope. */
export const maySpend = (actor: Actor, c: CompoundAccess): boolean => isSystemAdmin(actor) || actsFor(actor, c.ownersCommitteeId) || isScopeAdmin(actor, c);
