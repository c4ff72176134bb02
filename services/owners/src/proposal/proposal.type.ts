import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { ProposalKindEnum, ProposalStatusEnum, ProposalThresholdEnum, ReviewStageEnum, VoteChoiceEnum } from '../shared/enums';
import { Compound, Organisation, Person } from '../shared/refs.type';
import { Household } from '../register/household.type';
import type { ProposalEntity } from './proposal.entity';
import type { ProposalKind, ProposalStatus, ProposalThreshold, ReviewStage } from './proposal.rules';
import type { VoteChoice } from './vote.rules';

@ObjectType({ description: 'One review step: the party organisation’s consent (PARTY) or the owners’ committee’s (COMMITTEE).' })
export class ProposalReview {
  @Field(() => ReviewStageEnum, { description: 'Which review this was.' })
  stage!: ReviewStage;

  @Field({ description: 'True when the reviewer approved, false when they refused (the proposal is then REFUSED).' })
  approved!: boolean;

  @Field({ description: 'The reviewer’s note; the reason of a refusal.' })
  note!: string;

  @Field(() => DateTimeScalar, { description: 'When the review was given.' })
  at!: Date;

  @Field(() => Person, { nullable: true, description: 'Who reviewed (null where the organisations subgraph does not show that person to the caller).' })
  reviewer!: Person | null;
}

@ObjectType({ description: 'The households with an owner or co-owner when voting opened (frozen then).' })
export class Electorate {
  @Field(() => Int, { description: 'How many households are in the electorate.' })
  households!: number;

  @Field(() => Float, { description: 'Their floor area in m² (exact to the hundredth).' })
  areaSqm!: number;
}

@ObjectType({ description: 'While voting is open only participation shows; the choices, quorum and result once it closed.' })
export class Tally {
  @Field(() => Int, { description: 'Households that voted (any choice).' })
  votedHouseholds!: number;

  @Field(() => Float, { description: 'Floor area in m² of the households that voted.' })
  votedAreaSqm!: number;

  @Field(() => Int, { nullable: true, description: 'Households that voted FOR; null while voting is open.' })
  forHouseholds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Area in m² that voted FOR; null while voting is open.' })
  forAreaSqm!: number | null;

  @Field(() => Int, { nullable: true, description: 'Households that voted AGAINST; null while voting is open.' })
  againstHouseholds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Area in m² that voted AGAINST; null while voting is open.' })
  againstAreaSqm!: number | null;

  @Field(() => Int, { nullable: true, description: 'Households that abstained; null while voting is open.' })
  abstainHouseholds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Area in m² that abstained; null while voting is open.' })
  abstainAreaSqm!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Voters held ≥ 2/3 of the area and were ≥ 2/3 of the households.' })
  quorumMet!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the proposal passed (quorum and its threshold’s majority); null while voting is open.' })
  passed!: boolean | null;
}

@ObjectType({ description: 'A household’s ballot; only its own owners read it.' })
export class Vote {
  @Field(() => VoteChoiceEnum, { description: 'The household’s current choice (a later vote replaces an earlier one while voting is open).' })
  choice!: VoteChoice;

  @Field(() => DateTimeScalar, { description: 'When this choice was cast.' })
  at!: Date;

  @Field(() => Household, { description: 'The household that voted.' })
  household!: Household;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A major matter of a compound: party consent, committee approval, then the owners’ vote.' })
export class Proposal {
  @Field(() => ID, { description: 'The proposal’s id.' })
  id!: string;

  @Field(() => Compound, { description: 'The compound the proposal concerns.' })
  compound!: Compound;

  @Field(() => ProposalKindEnum, { description: 'The matter it decides; fixes its threshold and which figure it carries.' })
  kind!: ProposalKind;

  @Field({ description: 'Its title (1–100 characters).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Its text (up to 2,000 characters); null when empty.' })
  description!: string | null;

  @Field(() => ProposalThresholdEnum, { description: 'The majority it needs, from its kind.' })
  threshold!: ProposalThreshold;

  @Field(() => ProposalStatusEnum, { description: 'Where it stands.' })
  status!: ProposalStatus;

  @Field(() => Int, { nullable: true, description: 'Spending, raising or works: the amount in cents.' })
  amountCents!: number | null;

  @Field(() => Organisation, { nullable: true, description: 'FIRM_HIRE_OR_DISMISS: the firm to hire.' })
  propertyFirm!: Organisation | null;

  @Field(() => Int, { nullable: true, description: 'FEE_CHANGE: the new rate, from the month after it passes.' })
  centsPerSqmMonth!: number | null;

  @Field(() => DateTimeScalar, { description: 'When it was drafted.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When voting closes; null before voting opened.' })
  votingClosesAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was PASSED, REJECTED, NO_QUORUM or REFUSED.' })
  decidedAt!: Date | null;

  @Field(() => Electorate, { nullable: true, description: 'Null before voting opened.' })
  electorate!: Electorate | null;

  row!: ProposalEntity;
}

export function toProposal(row: ProposalEntity): Proposal {
  return Object.assign(new Proposal(), {
    id: row.id,
    compound: Object.assign(new Compound(), { id: row.compoundId }),
    kind: row.kind,
    title: row.title,
    description: row.description,
    threshold: row.threshold,
    status: row.status,
    amountCents: row.amountCents === null ? null : Number(row.amountCents),
    propertyFirm: row.propertyFirmId ? Object.assign(new Organisation(), { id: row.propertyFirmId }) : null,
    centsPerSqmMonth: row.centsPerSqmMonth,
    createdAt: row.createdAt,
    votingClosesAt: row.votingClosesAt,
    decidedAt: row.decidedAt,
    electorate: row.electorateHouseholds === null ? null : { households: row.electorateHouseholds, areaSqm: Number(row.electorateArea) / 100 },
    row,
  });
}

@ObjectType({ description: 'The result of a proposal mutation.' })
export class ProposalPayload {
  @Field(() => Proposal, { description: 'The proposal after the change.' })
  proposal!: Proposal;
}

@ObjectType({ description: 'The result of castVote.' })
export class VotePayload {
  @Field(() => Vote, { description: 'The ballot as recorded.' })
  vote!: Vote;
}
