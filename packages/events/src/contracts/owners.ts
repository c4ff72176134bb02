import { defineEvent } from './envelope';

// Contracts produced by the owners service (owners' self-governance of a
// compound). Payloads name the compound, its community and the community's
// ancestor chain so consumers (grids, notifications) scope without calling
// back; no personal data beyond person ids.

export type ProposalKind =
  | 'FEE_CHANGE'
  | 'MAINTENANCE_FUND_USE'
  | 'MAINTENANCE_FUND_RAISE'
  | 'RENOVATION'
  | 'COMMON_PARTS_USE'
  | 'FIRM_HIRE_OR_DISMISS'
  | 'PUBLIC_FUND_SPENDING'
  | 'RULES'
  | 'COMMITTEE_ELECTION'
  | 'OTHER';

export type ProposalOutcome = 'PASSED' | 'REJECTED' | 'NO_QUORUM' | 'REFUSED';

interface ProposalRefV1 {
  proposalId: string;
  compoundId: string;
  communityId: string;
  /** The community's ancestors, root first, excluding the community itself. */
  communityAncestorIds: string[];
  kind: ProposalKind;
  title: string;
  /** Owners and co-owners of the electorate's households (who may vote); [] before voting opened. */
  ownerPersonIds: string[];
}

export interface ProposalVotingOpenedV1 extends ProposalRefV1 {
  /** ISO-8601: voting closes by itself then. */
  votingClosesAt: string;
}

export interface ProposalDecidedV1 extends ProposalRefV1 {
  status: ProposalOutcome;
  /** ISO-8601: when the vote closed or the review refused it. */
  decidedAt: string;
  /** FIRM_HIRE_OR_DISMISS: the firm to hire (grids makes it the compound's firm when PASSED). */
  propertyFirmId: string | null;
  /** FEE_CHANGE: the new rate, in force from the month after `decidedAt` when PASSED. */
  centsPerSqmMonth: number | null;
  /** The amount of a spending, raise or works proposal, in cents. */
  amountCents: number | null;
}

export const ProposalVotingOpened = defineEvent<ProposalVotingOpenedV1>()(
  'owners.proposal.votingOpened',
  1,
  "The owners' vote on a proposal opened; its electorate is frozen.",
);

export const ProposalDecided = defineEvent<ProposalDecidedV1>()(
  'owners.proposal.decided',
  1,
  'A proposal reached its end: PASSED, REJECTED or NO_QUORUM when its vote closed, or REFUSED at a review.',
);
