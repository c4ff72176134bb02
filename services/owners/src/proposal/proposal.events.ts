import type { EntityManager } from '@mikro-orm/core';
import { ProposalDecided, ProposalVotingOpened, recordEvent, type EnvelopeMeta } from '@linli/events';
import type { CompoundAccess } from './proposal.access';
import { HouseholdMemberEntity, OWNER_RELATIONS } from '../register/household.entity';
import { ElectorEntity, type ProposalEntity } from './proposal.entity';

/** Owners and co-owners (now) of the proposal's electorate: who the notifications reach. */
async function electorateOwners(em: EntityManager, proposalId: string): Promise<string[]> {
  const electors = await em.find(ElectorEntity, { proposalId });
  if (!electors.length) return [];
  const members = await em.find(HouseholdMemberEntity, { householdId: { $in: electors.map((e) => e.householdId) }, relation: { $in: OWNER_RELATIONS }, until: null });
  return [...new Set(members.map((m) => m.personId))].sort();
}

const ref = (p: ProposalEntity, c: CompoundAccess) => ({
  proposalId: p.id,
  compoundId: p.compoundId,
  communityId: c.communityId,
  communityAncestorIds: [...c.communityAncestorIds],
  kind: p.kind,
  title: p.title,
});

/** Announced in the transaction that opens the vote (after the electorate rows are flushed). */
export async function recordVotingOpened(em: EntityManager, p: ProposalEntity, c: CompoundAccess, meta: EnvelopeMeta): Promise<void> {
  await em.flush();
  recordEvent(em, ProposalVotingOpened, { ...ref(p, c), votingClosesAt: p.votingClosesAt!.toISOString(), ownerPersonIds: await electorateOwners(em, p.id) }, meta);
}

/** Announced in the transaction that decides it (grids acts on a passed FIRM_HIRE_OR_DISMISS). */
export async function recordDecided(em: EntityManager, p: ProposalEntity, c: CompoundAccess, meta: EnvelopeMeta): Promise<void> {
  recordEvent(
    em,
    ProposalDecided,
    {
      ...ref(p, c),
      status: p.status as 'PASSED' | 'REJECTED' | 'NO_QUORUM' | 'REFUSED',
      decidedAt: p.decidedAt!.toISOString(),
      propertyFirmId: p.propertyFirmId,
      centsPerSqmMonth: p.centsPerSqmMonth,
      amountCents: p.amountCents,
      ownerPersonIds: p.status === 'REFUSED' ? [] : await electorateOwners(em, p.id),
    },
    meta,
  );
}
