import { Field, Int, ObjectType } from 'type-graphql';
import { Connection, DateTimeScalar } from '@linli/subgraph-kit';
import { FundEntryKindEnum } from '../shared/enums';
import { Compound } from '../shared/refs.type';
import type { FundEntryKind } from './fund.entity';

@ObjectType({ description: 'A line of a public fund’s ledger.' })
export class FundEntry {
  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => FundEntryKindEnum)
  kind!: FundEntryKind;

  @Field(() => Int)
  amountCents!: number;

  @Field(() => String, { nullable: true, description: 'What a spending paid for.' })
  purpose!: string | null;

  proposalId!: string | null;
}

@ObjectType()
export class FundEntryConnection extends Connection(FundEntry, 'FundEntry') {}

@ObjectType({ description: 'A compound’s public fund (公共收益): credited from fees, spent only under a passed proposal. Public.' })
export class PublicFund {
  @Field(() => Compound)
  compound!: Compound;

  @Field(() => Int, { description: 'credited − spent; never below zero.' })
  balanceCents!: number;

  @Field(() => Int)
  creditedCents!: number;

  @Field(() => Int)
  spentCents!: number;

  compoundId!: string;
}

@ObjectType()
export class SpendPublicFundPayload {
  @Field(() => FundEntry)
  entry!: FundEntry;

  @Field(() => PublicFund)
  fund!: PublicFund;
}
