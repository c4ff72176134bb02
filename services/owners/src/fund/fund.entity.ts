import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A compound's public fund (公共收益): running totals kept by conditional
 * updates, so the balance never goes below zero even when spendings race.
 */
@Entity({ tableName: 'public_fund' })
export class PublicFundEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: new BigIntType('number') })
  creditedCents!: number;

  @Property({ type: new BigIntType('number') })
  spentCents!: number;
}

export type FundEntryKind = 'CREDIT' | 'SPENDING';

/** One line of the ledger: a credit from a fee payment, or a spending under a passed proposal. */
@Entity({ tableName: 'public_fund_entry' })
@Index({ properties: ['compoundId', 'createdAt', 'id'] })
export class PublicFundEntryEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 10 })
  kind!: FundEntryKind;

  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'string', length: 200, nullable: true })
  purpose!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  proposalId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  paymentId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  recordedBy!: string | null;

  /** Named for the kit's keyset cursor (newest first). */
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
