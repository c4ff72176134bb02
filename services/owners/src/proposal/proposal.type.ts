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
  @Field(() => ReviewStageEnum)
  stage!: ReviewStage;

  @Field()
  approved!: boolean;

  @Field({ description: 'The reviewer’s note; the reason of a refusal.' })
  note!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Person, { nullable: true, description: 'Who reviewed (null where the organisations subgraph does not show that person to the caller).' })
  reviewer!: Person | null;
}

@ObjectType({ description: 'The households with an owner or co-owner when voting opened (frozen then).' })
export class Electorate {
  @Field(() => Int)
  households!: number;

  @Field(() => Float, { description: 'Their floor area in m² (exact to the hundredth).' })
  areaSqm!: number;
}

@ObjectType({ description: 'While voting is open only participation shows; the choices, quorum and result once it closed.' })
export class Tally {
  @Field(() => Int)
  votedHouseholds!: number;

  @Field(() => Float)
  votedAreaSqm!: number;

  @Field(() => Int, { nullable: true })
  forHouseholds!: number | null;

  @Field(() => Float, { nullable: true })
  forAreaSqm!: number | null;

  @Field(() => Int, { nullable: true })
  againstHouseholds!: number | null;

  @Field(() => Float, { nullable: true })
  againstAreaSqm!: number | null;

  @Field(() => Int, { nullable: true })
  abstainHouseholds!: number | null;

  @Field(() => Float, { nullable: true })
  abstainAreaSqm!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Voters held ≥ 2/3 of the area and were ≥ 2/3 of the households.' })
  quorumMet!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  passed!: boolean | null;
}

@ObjectType({ description: 'A household’s ballot; only its own owners read it.' })
export class Vote {
  @Field(() => VoteChoiceEnum)
  choice!: VoteChoice;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Household)
  household!: Household;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A major matter of a compound: party consent, committee approval, then the owners’ vote.' })
export class Proposal {
  @Field(() => ID)
  id!: string;

  @Field(() => Compound)
  compound!: Compound;

  @Field(() => ProposalKindEnum)
  kind!: ProposalKind;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ProposalThresholdEnum)
  threshold!: ProposalThreshold;

  @Field(() => ProposalStatusEnum)
  status!: ProposalStatus;

  @Field(() => Int, { nullable: true, description: 'Spending, raising or works: the amount in cents.' })
  amountCents!: number | null;

  @Field(() => Organisation, { nullable: true, description: 'FIRM_HIRE_OR_DISMISS: the firm to hire.' })
  propertyFirm!: Organisation | null;

  @Field(() => Int, { nullable: true, description: 'FEE_CHANGE: the new rate, from the month after it passes.' })
  centsPerSqmMonth!: number | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
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

@ObjectType()
export class ProposalPayload {
  @Field(() => Proposal)
  proposal!: Proposal;
}

@ObjectType()
export class VotePayload {
  @Field(() => Vote)
  vote!: Vote;
}
