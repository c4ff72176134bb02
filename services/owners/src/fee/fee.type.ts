import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Compound, Organisation } from '../shared/refs.type';
import { Household } from '../register/household.type';

@ObjectType({ description: 'A compound’s fee rate from a month on.' })
export class FeeRate {
  @Field(() => Int)
  centsPerSqmMonth!: number;

  @Field(() => Float, { description: 'Share of each payment credited to the public fund (0 to 0.5).' })
  publicFundShare!: number;

  @Field({ description: 'The first month (YYYY-MM, UTC+8) it is in force.' })
  since!: string;

  @Field(() => Compound)
  compound!: Compound;
}

@ObjectType()
export class FeeRatePayload {
  @Field(() => FeeRate)
  feeRate!: FeeRate;
}

@ObjectType({ description: 'A household’s payment for consecutive months.' })
export class FeePayment {
  @Field(() => ID)
  id!: string;

  @Field(() => Household)
  household!: Household;

  @Field()
  fromMonth!: string;

  @Field(() => Int)
  months!: number;

  @Field(() => Int)
  amountCents!: number;

  @Field(() => Int, { description: 'The public fund’s share, rounded down to the cent.' })
  publicFundCents!: number;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;
}

@ObjectType()
export class FeePaymentPayload {
  @Field(() => FeePayment)
  payment!: FeePayment;
}

@ObjectType({ description: 'Fee collection (物业费收缴率) of one child street or community.' })
export class FeeCollectionBreakdown {
  @Field(() => Organisation)
  scope!: Organisation;

  @Field(() => Int, { description: 'Households billed at least one month of the period.' })
  billedHouseholds!: number;

  @Field(() => Int, { description: 'Households that paid every month billed to them in the period.' })
  paidHouseholds!: number;

  @Field(() => Float, { description: 'Integer cents (a district-year exceeds 32 bits).' })
  dueCents!: number;

  @Field(() => Float, { description: 'Integer cents paid for the billed months of the period.' })
  collectedCents!: number;

  @Field(() => Float, { description: 'collected / due; 1 when nothing is due.' })
  rate!: number;
}

@ObjectType({ description: 'Fee collection of a district, street, community or property firm over a period (public).' })
export class FeeCollection extends FeeCollectionBreakdown {
  @Field({ description: 'YYYY-MM, YYYY-Qn or YYYY (UTC+8).' })
  period!: string;

  @Field(() => [FeeCollectionBreakdown], { description: 'Each child street or community, by name (empty for a community or a firm).' })
  breakdown!: FeeCollectionBreakdown[];
}

@InputType()
export class SetFeeRateInput {
  @Field(() => ID)
  compoundId!: string;

  @Field(() => Int)
  centsPerSqmMonth!: number;

  @Field(() => Float, { nullable: true, description: '0 to 0.5; default 0.10.' })
  publicFundShare?: number | null;
}

@InputType()
export class RecordFeePaymentInput {
  @Field(() => ID)
  householdId!: string;

  @Field({ description: 'YYYY-MM' })
  fromMonth!: string;

  @Field(() => Int, { description: '1 to 24.' })
  months!: number;

  @Field(() => Int, { description: 'Exactly the fee of those months.' })
  amountCents!: number;
}
