import { Field, Int, ObjectType } from 'type-graphql';
import { Connection, DateTimeScalar } from '@linli/subgraph-kit';
import { FundEntryKindEnum } from '../shared/enums';
import { Compound } from '../shared/refs.type';
import type { FundEntryKind } from './fund.entity';

@ObjectType({ description: 'A line of a public fund’s ledger.' })
export class FundEntry {
  @Field(() => DateTimeScalar, { description: 'When the entry was made.' })
  at!: Date;

  @Field(() => FundEntryKindEnum, { description: 'A credit from a fee payment or a spending.' })
  kind!: FundEntryKind;

  @Field(() => Int, { description: 'The amount, in cents (positive for both kinds).' })
  amountCents!: number;

  @Field(() => String, { nullable: true, description: 'What a spending paid for.' })
  purpose!: string | null;

  proposalId!: string | null;
}

@ObjectType({ description: 'A page of public fund entries.' })
export class FundEntryConnection extends Connection(FundEntry, 'FundEntry') {}

@ObjectType({ description: 'A compound’s public fund (公共收益): credited from fees, spent only under a passed proposal. Public.' })
export class PublicFund {
  @Field(() => Compound, { description: 'The compound the fund belongs to.' })
  compound!: Compound;

  @Field(() => Int, { description: 'credited − spent; never below zero.' })
  balanceCents!: number;

  @Field(() => Int, { description: 'Everything credited from fee payments, in cents.' })
  creditedCents!: number;

  @Field(() => Int, { description: 'Everything spent, in cents.' })
  spentCents!: number;

  compoundId!: string;
}

@ObjectType({ description: 'The result of spendPublicFund.' })
export class SpendPublicFundPayload {
  @Field(() => FundEntry, { description: 'The SPENDING entry recorded.' })
  entry!: FundEntry;

  @Field(() => PublicFund, { description: 'The fund after the spending.' })
  fund!: PublicFund;
}
