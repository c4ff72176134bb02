import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, checkText, conflict, forbidden, notFound } from '@linli/platform';
import { orgNodes, type Command } from '@linli/subgraph-kit';
import type { EnvelopeMeta } from '@linli/events';
import { compoundAccess, permit, type KnownCompound } from '../territory/compound.access';
import { HouseholdEntity, HouseholdMemberEntity, OWNER_RELATIONS } from '../register/household.entity';
import { lockFor } from '../shared/locks';
import { applyPassedFeeChange } from '../fee/fee-rate.service';
import { mayDraft, mayReview, mayReviewAtAll, mayRunVote } from './proposal.access';
import { ElectorEntity, ProposalEntity, ProposalReviewEntity, VoteEntity } from './proposal.entity';
import { recordDecided, recordVotingOpened } from './proposal.events';
import { checkCanClose, checkClosesAt, checkDraft, checkVotingOpen, nextStatus, reviewStageOf, thresholdOf, type DraftFields } from './proposal.rules';
import { electorateOf, mayVoteFor, outcomeOf, tally, type VoteChoice } from './vote.rules';

export interface DraftProposalFields extends DraftFields {
  compoundId: string;
}

/** A proposal locked for this transaction, with its compound; NOT_FOUND when there is none. */
async function lockedProposal(em: EntityManager, id: string, mode: 'update' | 'share' = 'update'): Promise<{ p: ProposalEntity; c: KnownCompound }> {
  const p = await em.findOne(ProposalEntity, { id }, lockFor(em, mode));
  if (!p) throw notFound('Proposal');
  return { p, c: await compoundAccess(em, p.compoundId) };
}

export async function draftProposal(em: EntityManager, cmd: Command, input: DraftProposalFields): Promise<ProposalEntity> {
  const c = await compoundAccess(em, input.compoundId);
  permit(mayDraft(cmd.actor, c));
  const fields = checkDraft(input);
  if (fields.propertyFirmId) {
    const firm = (await orgNodes(em, [fields.propertyFirmId])).get(fields.propertyFirmId);
    if (!firm || firm.kind !== 'PROPERTY_FIRM') throw badInput('propertyFirmId', 'propertyFirmId must be a PROPERTY_FIRM');
  }
  return em.create(ProposalEntity, {
    id: randomUUID(),
    compoundId: c.row.id,
    ...fields,
    threshold: thresholdOf(fields.kind),
    status: 'DRAFT',
    draftedBy: cmd.actor.personId,
    createdAt: cmd.now,
    votingClosesAt: null,
    electorateHouseholds: null,
    electorateArea: null,
    result: null,
    decidedAt: null,
  });
}

export async function submitProposal(em: EntityManager, cmd: Command, id: string): Promise<ProposalEntity> {
  const { p, c } = await lockedProposal(em, id);
  permit(mayDraft(cmd.actor, c));
  p.status = nextStatus(p.status, 'SUBMIT');
  return p;
}

/** The party organisation's consent, then the owners' committee's; a refusal ends the proposal (REFUSED, its note the reason). */
export async function reviewProposal(em: EntityManager, cmd: Command, id: string, approve: boolean, note: string): Promise<ProposalEntity> {
  const { p, c } = await lockedProposal(em, id);
  const action = approve ? 'APPROVE' : 'REFUSE';
  permit(mayReviewAtAll(cmd.actor, c));
  const stage = reviewStageOf(p.status, action);
  permit(mayReview(cmd.actor, c, stage));
  const text = checkText('note', note, { required: !approve, max: 2000 }) ?? '';
  em.create(ProposalReviewEntity, { proposalId: p.id, stage, approved: approve, note: text, reviewerId: cmd.actor.personId, at: cmd.now });
  p.status = nextStatus(p.status, action);
  if (p.status === 'REFUSED') {
    p.decidedAt = cmd.now;
    await recordDecided(em, p, c, cmd.event);
  }
  return p;
}

/** Households of a compound with their current owners and co-owners. */
async function householdsWithOwners(em: EntityManager, compoundId: string) {
  const households = await em.find(HouseholdEntity, { compoundId });
  const owners = households.length
    ? await em.find(HouseholdMemberEntity, { householdId: { $in: households.map((h) => h.id) }, relation: { $in: OWNER_RELATIONS }, until: null })
    : [];
  const count = new Map<string, number>();
  for (const o of owners) count.set(o.householdId, (count.get(o.householdId) ?? 0) + 1);
  return households.map((h) => ({ householdId: h.id, areaHundredths: h.areaHundredths, ownerCount: count.get(h.id) ?? 0 }));
}

/** Opens the vote and freezes its electorate: households with an owner or co-owner now. */
export async function openVoting(em: EntityManager, cmd: Command, id: string, closesAt: Date): Promise<ProposalEntity> {
  const { p, c } = await lockedProposal(em, id);
  permit(mayRunVote(cmd.actor, c));
  const status = nextStatus(p.status, 'OPEN_VOTING');
  p.votingClosesAt = checkClosesAt(cmd.now, closesAt);
  const electorate = electorateOf(await householdsWithOwners(em, p.compoundId));
  if (!electorate.length) throw conflict('The compound has no registered household with an owner: nobody could vote');
  for (const e of electorate) em.create(ElectorEntity, { proposalId: p.id, ...e });
  p.status = status;
  p.electorateHouseholds = electorate.length;
  p.electorateArea = electorate.reduce((s, e) => s + e.areaHundredths, 0);
  await recordVotingOpened(em, p, c, cmd.event);
  return p;
}

/**
 * One ballot per household, by its owner or co-owner in person; a later one
 * replaces the earlier while voting is open. The proposal row is share-locked
 * so a closing (which locks it for update) waits for ballots in flight.
 */
export async function castVote(em: EntityManager, cmd: Command, proposalId: string, householdId: string, choice: VoteChoice): Promise<VoteEntity> {
  const { p } = await lockedProposal(em, proposalId, 'share');
  const household = await em.findOne(HouseholdEntity, { id: householdId });
  if (!household) throw notFound('Household');
  const owners = await em.find(HouseholdMemberEntity, { householdId, relation: { $in: OWNER_RELATIONS }, until: null });
  const elector = household.compoundId === p.compoundId ? await em.findOne(ElectorEntity, { proposalId, householdId }) : null;
  const verdict = mayVoteFor({ inElectorate: !!elector, ownerPersonIds: owners.map((o) => o.personId) }, cmd.actor.personId);
  if (verdict === 'NOT_OWNER') throw forbidden('Only an owner or co-owner of the household votes for it');
  checkVotingOpen(p.status, cmd.now, p.votingClosesAt);
  if (verdict === 'NOT_ELECTOR') throw forbidden('The household is not in the electorate frozen when voting opened');
  await em.upsert(VoteEntity, { proposalId, householdId, choice, voterId: cmd.actor.personId, at: cmd.now }, { onConflictFields: ['proposalId', 'householdId'] });
  return em.findOneOrFail(VoteEntity, { proposalId, householdId }, { refresh: true });
}

/** Counts the ballots, sets the outcome and its effects, and announces it (the caller holds the row lock). */
export async function decide(em: EntityManager, p: ProposalEntity, c: KnownCompound, at: Date, meta: EnvelopeMeta): Promise<void> {
  const [electors, votes] = await Promise.all([em.find(ElectorEntity, { proposalId: p.id }), em.find(VoteEntity, { proposalId: p.id })]);
  const t = tally(electors, votes);
  p.status = nextStatus(p.status, 'CLOSE', outcomeOf(t, p.threshold));
  p.result = { ...t };
  p.decidedAt = at;
  if (p.status === 'PASSED' && p.kind === 'FEE_CHANGE') await applyPassedFeeChange(em, p, at);
  await recordDecided(em, p, c, meta);
}

/** Closing by hand: once `votingClosesAt` has passed, or earlier once every household of the electorate voted. */
export async function closeVoting(em: EntityManager, cmd: Command, id: string): Promise<ProposalEntity> {
  const { p, c } = await lockedProposal(em, id);
  permit(mayRunVote(cmd.actor, c));
  const voted = p.status === 'VOTING' ? await em.count(VoteEntity, { proposalId: p.id }) : 0;
  checkCanClose(p.status, cmd.now, p.votingClosesAt, voted, p.electorateHouseholds ?? 0);
  await decide(em, p, c, cmd.now, cmd.event);
  return p;
}
