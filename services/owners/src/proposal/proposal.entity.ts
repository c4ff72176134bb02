import { BigIntType, Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { ProposalKind, ProposalStatus, ProposalThreshold, ReviewStage } from './proposal.rules';
import type { VoteChoice } from './vote.rules';

/** A major matter of a compound, from draft through its reviews to the owners' vote. */
@Entity({ tableName: 'proposal' })
@Index({ properties: ['compoundId', 'createdAt', 'id'] })
@Index({ properties: ['status', 'votingClosesAt'] })
export class ProposalEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 30 })
  kind!: ProposalKind;

  @Property({ type: 'string', length: 100 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'string', length: 10 })
  threshold!: ProposalThreshold;

  @Property({ type: 'string', length: 20 })
  status!: ProposalStatus;

  @Property({ type: new BigIntType('number'), nullable: true })
  amountCents!: number | null;

  @Property({ type: 'string', length: 36, nullable: true })
  propertyFirmId!: string | null;

  @Property({ type: 'integer', nullable: true })
  centsPerSqmMonth!: number | null;

  @Property({ type: 'string', length: 36 })
  draftedBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  votingClosesAt!: Date | null;

  /** The electorate frozen when voting opened. */
  @Property({ type: 'integer', nullable: true })
  electorateHouseholds!: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  electorateArea!: number | null;

  /** The final tally (`Tally` of vote.rules) once voting closed; null before. */
  @Property({ type: 'json', nullable: true })
  result!: Record<string, number> | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt!: Date | null;

  /** Public-fund spending under this proposal so far (PUBLIC_FUND_SPENDING); raised by a conditional update. */
  @Property({ type: new BigIntType('number'), default: 0 })
  spentCents!: number & Opt;
}

@Entity({ tableName: 'proposal_review' })
export class ProposalReviewEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  proposalId!: string;

  @PrimaryKey({ type: 'string', length: 10 })
  stage!: ReviewStage;

  @Property({ type: 'boolean' })
  approved!: boolean;

  @Property({ type: 'string', length: 2000 })
  note!: string;

  @Property({ type: 'string', length: 36 })
  reviewerId!: string;

  @Property({ type: 'datetime' })
  at!: Date;
}

/** A household of a proposal's electorate, frozen with its area when voting opened. */
@Entity({ tableName: 'proposal_elector' })
export class ElectorEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  proposalId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  householdId!: string;

  @Property({ type: 'integer' })
  areaHundredths!: number;
}

/** One household's current ballot (a later one replaces it while voting is open). Nobody but its owners reads it. */
@Entity({ tableName: 'proposal_vote' })
export class VoteEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  proposalId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  householdId!: string;

  @Property({ type: 'string', length: 10 })
  choice!: VoteChoice;

  @Property({ type: 'string', length: 36 })
  voterId!: string;

  @Property({ type: 'datetime' })
  at!: Date;
}
