import { BigIntType, Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A compound's fee rate from a month on (UTC+8): the first set by the
 * community, later ones only by a passed FEE_CHANGE. The rate in force for a
 * month is the latest row whose `fromMonth` is not after it.
 */
@Entity({ tableName: 'fee_rate' })
export class FeeRateEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  compoundId!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  fromMonth!: string;

  @Property({ type: 'integer' })
  centsPerSqmMonth!: number;

  /** Share of each payment credited to the public fund, in basis points (1000 = 10 %): exact. */
  @Property({ type: 'integer' })
  publicFundShareBp!: number;

  /** The FEE_CHANGE proposal that set it; null for the first rate. */
  @Property({ type: 'string', length: 36, nullable: true })
  proposalId!: string | null;

  @Property({ type: 'datetime' })
  setAt!: Date;
}

/**
 * A compound's billing state: every month up to `billedThrough` has been
 * billed to each household registered by its first day. The billing pass
 * claims compounds behind the current month (replica-safe).
 */
@Entity({ tableName: 'fee_compound' })
@Index({ properties: ['billedThrough'] })
export class FeeCompoundEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  compoundId!: string;

  /** The first month with a rate (nothing is billed before it). */
  @Property({ type: 'string', length: 7 })
  firstMonth!: string;

  /** `YYYY-MM`; null before the first billing pass. */
  @Property({ type: 'string', length: 7, nullable: true })
  billedThrough!: string | null;
}

/**
 * One household's fee for one month: billed by the billing pass (or on a
 * payment ahead), paid by one payment. The unique (household, month) key and
 * the conditional update of `paymentId` make a month paid once, whatever races.
 * Every bill and payment also moves feeCollection's tallies (FeeTallyEntity),
 * so a request never reads these rows except for a firm that changed within
 * the period.
 */
@Entity({ tableName: 'fee_month' })
@Index({ properties: ['compoundId', 'month'] })
export class FeeMonthEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  householdId!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'integer' })
  dueCents!: number;

  /** True once the month has begun and was billed (a payment ahead exists before that). */
  @Property({ type: 'boolean' })
  billed!: boolean;

  @Property({ type: 'string', length: 36, nullable: true })
  paymentId!: string | null;

  @Property({ type: 'integer', default: 0 })
  paidCents!: number & Opt;
}

@Entity({ tableName: 'fee_payment' })
@Index({ properties: ['householdId', 'receivedAt'] })
export class FeePaymentEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  householdId!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 7 })
  fromMonth!: string;

  @Property({ type: 'integer' })
  months!: number;

  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'integer' })
  publicFundCents!: number;

  @Property({ type: 'string', length: 36 })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  receivedAt!: Date;
}

/**
 * feeCollection's pre-aggregate: one compound's bills of one period (a
 * month, a quarter or a year, keyed as `parsePeriod` keys them), kept by every
 * bill and payment in its transaction (tally.service.ts), so a request reads
 * one row per compound whatever the households, months and payments behind it.
 */
@Entity({ tableName: 'fee_tally' })
export class FeeTallyEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  compoundId!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  periodKey!: string;

  @Property({ type: 'integer' })
  billedHouseholds!: number;

  @Property({ type: 'integer' })
  paidHouseholds!: number;

  @Property({ type: new BigIntType('number') })
  dueCents!: number;

  @Property({ type: new BigIntType('number') })
  collectedCents!: number;
}

/** One household's billed and paid months of one quarter or year: whether it paid every billed month (`paidHouseholds`) is not a sum over months (a month needs no row: it holds one bill and at most one payment). */
@Entity({ tableName: 'fee_household_tally' })
export class FeeHouseholdTallyEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  householdId!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  periodKey!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'integer' })
  billedMonths!: number;

  @Property({ type: 'integer' })
  paidMonths!: number;
}
