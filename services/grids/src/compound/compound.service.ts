import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, checkName, checkText, conflict, forbidden, hasRole, notFound, type Actor } from '@linli/platform';
import { CompoundCreated, CompoundFirmChanged, CompoundUpdated, CompoundOrganisationsSet, recordEvent, type ProposalDecidedV1, type RectificationOverdueV1 } from '@linli/events';
import { countChange, flushOrConflict, OrgNodeSchema, requireActiveOrg, type Command, type OrgNode } from '@linli/subgraph-kit';
import { communityInScope, linkedOrganisation, requireCommunityInScope } from '../organisation/organisation.scope';
import { checkCount } from '../grid/grid.rules';
import { CompoundEntity, CompoundManagementEntity } from './compound.entity';
import { compoundState } from './compound.events';
import {
  checkManagement,
  compoundChanges,
  nextLink,
  OWNERS_COMMITTEE_KINDS,
  PARTY_ORGANISATION_KINDS,
  PROPERTY_FIRM_KINDS,
  type ManagementMode,
} from './compound.rules';
import type { CreateCompoundInput, UpdateCompoundInput } from './compound.input';

/** Links must be of the contract's kinds; they may lie outside the caller's scope (merely referenced). */
async function checkLinks(em: EntityManager, links: { propertyFirmId?: string | null; partyOrganisationId?: string | null; ownersCommitteeId?: string | null }) {
  // A deactivated firm takes no new compounds (the contract's "no new … compounds").
  if (links.propertyFirmId) requireActiveOrg(await linkedOrganisation(em, links.propertyFirmId, 'propertyFirmId', PROPERTY_FIRM_KINDS), 'propertyFirmId');
  if (links.partyOrganisationId) await linkedOrganisation(em, links.partyOrganisationId, 'partyOrganisationId', PARTY_ORGANISATION_KINDS);
  if (links.ownersCommitteeId) await linkedOrganisation(em, links.ownersCommitteeId, 'ownersCommitteeId', OWNERS_COMMITTEE_KINDS);
}

/** The compound a write targets, with its community: NOT_FOUND if missing, FORBIDDEN outside the caller's scope. */
async function compoundInScope(em: EntityManager, actor: Actor, id: string): Promise<{ compound: CompoundEntity; community: OrgNode }> {
  const compound = await em.findOne(CompoundEntity, { id });
  if (!compound) throw notFound('Compound');
  return { compound, community: await requireCommunityInScope(em, actor, compound.communityId) };
}

const openTerm = (em: EntityManager, compound: CompoundEntity, since: Date, byVote?: { proposalId: string; replacedFirmUnderReview: boolean }) =>
  em.create(CompoundManagementEntity, {
    id: randomUUID(),
    compoundId: compound.id,
    managementMode: compound.managementMode,
    propertyFirmId: compound.propertyFirmId,
    since,
    until: null,
    proposalId: byVote?.proposalId ?? null,
    replacedFirmUnderReview: byVote?.replacedFirmUnderReview ?? false,
  });

/** Registers a compound (小区) in a community of the caller's scope; its first management term starts now. */
export async function createCompound(em: EntityManager, cmd: Command, input: CreateCompoundInput): Promise<CompoundEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const name = checkName('name', input.name);
  const households = checkCount('households', input.households);
  const address = checkText('address', input.address, { max: 200 }) || null;
  const propertyFirmId = checkManagement(input.managementMode, input.propertyFirmId);
  const community = requireActiveOrg(await communityInScope(em, actor, input.communityId), 'communityId');
  await checkLinks(em, { propertyFirmId, partyOrganisationId: input.partyOrganisationId, ownersCommitteeId: input.ownersCommitteeId });
  const taken = `A compound named ${name} is already registered in the community`;
  if (await em.count(CompoundEntity, { communityId: community.id, name })) throw conflict(taken);

  const compound = em.create(CompoundEntity, {
    id: randomUUID(),
    name,
    communityId: community.id,
    households,
    address,
    managementMode: input.managementMode,
    propertyFirmId,
    partyOrganisationId: input.partyOrganisationId ?? null,
    ownersCommitteeId: input.ownersCommitteeId ?? null,
    firmUnderReview: false,
    createdAt: now,
  });
  openTerm(em, compound, now);
  recordEvent(em, CompoundCreated, compoundState(compound, community), cmd.event);
  await flushOrConflict(em, taken);
  return compound;
}

/**
 * Changes who manages a compound. The current term ends and a new one starts
 * now (the history of which firm managed it when). The review flag belongs to
 * the outgoing firm, so it is cleared. Asking for what is already so changes
 * nothing and announces nothing.
 */
export async function changePropertyFirm(
  em: EntityManager,
  cmd: Command,
  compoundId: string,
  mode: ManagementMode,
  firmId: string | null | undefined,
): Promise<CompoundEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const propertyFirmId = checkManagement(mode, firmId);
  const { compound, community } = await compoundInScope(em, cmd.actor, compoundId);
  await checkLinks(em, { propertyFirmId });
  if (compound.managementMode === mode && compound.propertyFirmId === propertyFirmId) return compound;

  const previousFirmId = compound.propertyFirmId;
  const current = await em.findOne(CompoundManagementEntity, { compoundId: compound.id, until: null });
  if (current) {
    current.until = cmd.now;
    // Closed before the new term is inserted: one open term per compound is a unique index.
    await em.flush();
  }
  compound.managementMode = mode;
  compound.propertyFirmId = propertyFirmId;
  compound.firmUnderReview = false;
  openTerm(em, compound, cmd.now);
  await countChange(em, compound);
  recordEvent(em, CompoundFirmChanged, { ...compoundState(compound, community), previousFirmId, changedAt: cmd.now.toISOString() }, cmd.event);
  return compound;
}

/**
 * Sets a compound's party organisation and owners' committee (三覆盖). An
 * omitted argument keeps the current link, null removes it.
 */
export async function setCompoundOrganisations(
  em: EntityManager,
  cmd: Command,
  compoundId: string,
  partyOrganisationId: string | null | undefined,
  ownersCommitteeId: string | null | undefined,
): Promise<CompoundEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const { compound, community } = await compoundInScope(em, cmd.actor, compoundId);
  await checkLinks(em, { partyOrganisationId, ownersCommitteeId });
  const party = nextLink(compound.partyOrganisationId, partyOrganisationId);
  const owners = nextLink(compound.ownersCommitteeId, ownersCommitteeId);
  if (party === compound.partyOrganisationId && owners === compound.ownersCommitteeId) return compound;
  compound.partyOrganisationId = party;
  compound.ownersCommitteeId = owners;
  await countChange(em, compound);
  recordEvent(em, CompoundOrganisationsSet, compoundState(compound, community), cmd.event);
  return compound;
}

/**
 * Consumer of `evaluations.rectification.overdue` (contract: an overdue
 * rectification sets `firmUnderReview` on every compound the firm manages).
 * Compounds the firm took over after it became overdue are not its concern.
 * Setting a flag is idempotent; the kit runs the handler once per event anyway.
 */
export async function markFirmUnderReview(em: EntityManager, event: RectificationOverdueV1): Promise<void> {
  const overdueAt = new Date(event.overdueAt);
  const managed = await em.find(CompoundEntity, { propertyFirmId: event.firmId });
  if (!managed.length) return;
  const terms = await em.find(CompoundManagementEntity, { compoundId: { $in: managed.map((c) => c.id) }, until: null });
  const since = new Map(terms.map((t) => [t.compoundId, t.since]));
  for (const c of managed) {
    const start = since.get(c.id);
    if (!start || Number.isNaN(overdueAt.getTime()) || start.getTime() <= overdueAt.getTime()) c.firmUnderReview = true;
  }
}

/**
 * Consumer of `owners.proposal.decided`: a PASSED FIRM_HIRE_OR_DISMISS makes
 * the named firm the compound's property firm (COMMERCIAL), in a new
 * management term noting the proposal; the review flag of the outgoing firm
 * clears, and whether it was set stays on the term (the district sees which
 * compounds replaced a firm with an overdue rectification). The kit runs the
 * handler once per event; a term already noting the proposal (a replayed
 * event under another id) changes nothing either.
 */
export async function applyOwnersDecision(em: EntityManager, event: ProposalDecidedV1, meta: { correlationId: string }): Promise<void> {
  if (event.status !== 'PASSED' || event.kind !== 'FIRM_HIRE_OR_DISMISS' || !event.propertyFirmId) return;
  const compound = await em.findOne(CompoundEntity, { id: event.compoundId });
  if (!compound || (await em.count(CompoundManagementEntity, { compoundId: compound.id, proposalId: event.proposalId }))) return;
  const community = await em.findOne(OrgNodeSchema, { id: compound.communityId });
  if (!community) return;
  const at = new Date(event.decidedAt);
  const previousFirmId = compound.propertyFirmId;
  const replacedFirmUnderReview = compound.firmUnderReview;
  const current = await em.findOne(CompoundManagementEntity, { compoundId: compound.id, until: null });
  if (current) {
    current.until = at;
    // Written before the new term: one open term per compound is a unique index, and a flush inserts before it updates.
    await em.flush();
  }
  compound.managementMode = 'COMMERCIAL';
  compound.propertyFirmId = event.propertyFirmId;
  compound.firmUnderReview = false;
  openTerm(em, compound, at, { proposalId: event.proposalId, replacedFirmUnderReview });
  await countChange(em, compound);
  recordEvent(em, CompoundFirmChanged, { ...compoundState(compound, community), previousFirmId, changedAt: at.toISOString() }, { source: 'grids', correlationId: meta.correlationId, occurredAt: at });
}

/**
 * Changes a compound's name, address or household count, by the rules and in
 * the scope of createCompound (the name stays unique in the community). Its
 * community never changes. CompoundUpdated lets projections rename their copies;
 * a change to nothing announces nothing.
 */
export async function updateCompound(em: EntityManager, cmd: Command, id: string, input: UpdateCompoundInput): Promise<CompoundEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const changes = compoundChanges(input);
  const compound = await em.findOne(CompoundEntity, { id });
  if (!compound) throw notFound('Compound');
  const community = await requireCommunityInScope(em, cmd.actor, compound.communityId);
  const taken = `A compound named ${changes.name} is already registered in the community`;
  if (changes.name !== undefined && changes.name !== compound.name && (await em.count(CompoundEntity, { communityId: compound.communityId, name: changes.name }))) {
    throw conflict(taken);
  }
  const before = { name: compound.name, address: compound.address, households: compound.households };
  em.assign(compound, changes);
  if (before.name === compound.name && before.address === compound.address && before.households === compound.households) return compound;
  await countChange(em, compound);
  recordEvent(em, CompoundUpdated, compoundState(compound, community), cmd.event);
  await flushOrConflict(em, taken);
  return compound;
}
