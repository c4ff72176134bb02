import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * This subgraph's copy of a registered household (一户一档), from the
 * register's events: where it is, its exact area (hundredths of m²) and when
 * it was registered (billing starts with the first month it was registered by).
 */
@Entity({ tableName: 'household' })
@Index({ properties: ['compoundId', 'registeredAt'] })
export class HouseholdEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 50 })
  building!: string;

  @Property({ type: 'string', length: 50, nullable: true })
  unit!: string | null;

  @Property({ type: 'string', length: 50 })
  room!: string;

  @Property({ type: 'integer' })
  areaHundredths!: number;

  @Property({ type: 'datetime' })
  registeredAt!: Date;

  @Property({ type: 'datetime' })
  asOf!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `asOf`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}

/** A membership of a household (no names or phones: those stay in the register). */
@Entity({ tableName: 'household_member' })
@Index({ properties: ['personId', 'until'] })
export class HouseholdMemberEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  householdId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  personId!: string;

  @Property({ type: 'string', length: 10 })
  relation!: string;

  @Property({ type: 'string', length: 10 })
  since!: string;

  /** Null while the membership lasts. */
  @Property({ type: 'string', length: 10, nullable: true })
  until!: string | null;

  @Property({ type: 'datetime' })
  asOf!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `asOf`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}

export const OWNER_RELATIONS = ['OWNER', 'CO_OWNER'];
