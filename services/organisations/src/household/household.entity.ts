import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { HouseholdRelation } from './household.rules';

/**
 * A dwelling of a compound (一户一档). Personal data lives beside it (its
 * members are people), so households are kept in this service: one
 * transaction can write a whole import.
 */
@Entity({ tableName: 'household' })
@Unique({ properties: ['compoundId', 'building', 'unitKey', 'room'] })
@Index({ properties: ['compoundId', 'createdAt', 'id'] })
export class HouseholdEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 20 })
  building!: string;

  @Property({ type: 'string', length: 20, nullable: true })
  unit!: string | null;

  /** `unit` or '' : a compound holds each (building, unit, room) once, and NULLs never compare equal in a unique index. */
  @Property({ type: 'string', length: 20 })
  unitKey!: string;

  @Property({ type: 'string', length: 20 })
  room!: string;

  /** 建筑面积 in hundredths of a square metre: sums stay exact (never a float). */
  @Property({ type: 'integer' })
  areaHundredths!: number;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId!: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /**
   * The change number of the household and its memberships (1 at
   * registration, +1 per change: `countChange`, or the import's checked
   * write), sent as `sequence` in the register's events so copies elsewhere
   * apply them in this order; concurrent changes cannot share a number.
   */
  @Property({ type: 'integer', default: 1 })
  version: number & Opt = 1;
}

/** A person's membership of a household; ending it sets `until` and keeps the row (history). */
@Entity({ tableName: 'household_member' })
@Index({ properties: ['householdId', 'until'] })
@Index({ properties: ['personId', 'until'] })
export class HouseholdMemberEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  householdId!: string;

  @Property({ type: 'string', length: 36 })
  personId!: string;

  @Property({ type: 'string', length: 20 })
  relation!: HouseholdRelation;

  /** YYYY-MM-DD */
  @Property({ type: 'string', length: 10 })
  since!: string;

  /** YYYY-MM-DD; null while the membership lasts. */
  @Property({ type: 'string', length: 10, nullable: true })
  until!: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
