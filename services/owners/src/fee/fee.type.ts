import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Compound, Organisation } from '../shared/refs.type';
import { Household } from '../register/household.type';

@ObjectType({ description: 'A compound’s fee rate from a month on.' })
export class FeeRate {
  @Field(() => Int, { description: 'The monthly fee per m² of floor area, in cents.' })
  centsPerSqmMonth!: number;

  @Field(() => Float, { description: 'Share of each payment credited to the public fund (0 to 0.5).' })
  publicFundShare!: number;

  @Field({ description: 'The first month (YYYY-MM, UTC+8) it is in force.' })
  since!: string;

  @Field(() => Compound, { description: 'The compound it applies to.' })
  compound!: Compound;
}

@ObjectType({ description: 'The result of setFeeRate.' })
export class FeeRatePayload {
  @Field(() => FeeRate, { description: 'The rate as set.' })
  feeRate!: FeeRate;
}

@ObjectType({ description: 'A household’s payment for consecutive months.' })
export class FeePayment {
  @Field(() => ID, { description: 'The payment’s id.' })
  id!: string;

  @Field(() => Household, { description: 'The household that paid.' })
  household!: Household;

  @Field({ description: 'The first month paid (YYYY-MM, UTC+8).' })
  fromMonth!: string;

  @Field(() => Int, { description: 'How many consecutive months (1 to 24).' })
  months!: number;

  @Field(() => Int, { description: 'The amount paid, in cents (the fee of those months).' })
  amountCents!: number;

  @Field(() => Int, { description: 'The public fund’s share, rounded down to the cent.' })
  publicFundCents!: number;

  @Field(() => DateTimeScalar, { description: 'When the payment was recorded.' })
  receivedAt!: Date;
}

@ObjectType({ description: 'The result of recordFeePayment.' })
export class FeePaymentPayload {
  @Field(() => FeePayment, { description: 'The payment as recorded.' })
  payment!: FeePayment;
}

@ObjectType({ description: 'Fee collection (物业费收缴率) of one child street or community.' })
export class FeeCollectionBreakdown {
  @Field(() => Organisation, { description: 'The street, community or property firm counted.' })
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

@InputType({ description: 'A compound’s first fee rate.' })
export class SetFeeRateInput {
  @Field(() => ID, { description: 'The compound (without a rate yet).' })
  compoundId!: string;

  @Field(() => Int, { description: 'The monthly fee per m², in cents.' })
  centsPerSqmMonth!: number;

  @Field(() => Float, { nullable: true, description: '0 to 0.5; default 0.10.' })
  publicFundShare?: number | null;
}

@InputType({ description: 'A household’s payment for consecutive months, recorded by the property firm’s staff (COMMERCIAL) or community staff.' })
export class RecordFeePaymentInput {
  @Field(() => ID, { description: 'The household that paid.' })
  householdId!: string;

  @Field({ description: 'YYYY-MM' })
  fromMonth!: string;

  @Field(() => Int, { description: '1 to 24.' })
  months!: number;

  @Field(() => Int, { description: 'Exactly the fee of those months.' })
  amountCents!: number;
}
