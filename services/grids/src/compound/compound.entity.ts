import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ManagementMode } from './compound.rules';

/** A residential compound (小区) of a community. */
@Entity({ tableName: 'compound' })
@Unique({ properties: ['communityId', 'name'] })
export class CompoundEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Filtered by the unique (community_id, name) index. */
  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'integer' })
  households!: number;

  @Property({ type: 'string', length: 200, nullable: true })
  address!: string | null;

  @Property({ type: 'string', length: 20 })
  managementMode!: ManagementMode;

  /** The firm managing it now (COMMERCIAL only); `Organisation.managedCompounds` filters on it. */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  propertyFirmId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  partyOrganisationId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  ownersCommitteeId!: string | null;

  /** Set when a rectification of its firm became overdue; cleared when the firm changes. */
  @Property({ type: 'boolean' })
  firmUnderReview!: boolean;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /**
   * The change number (1 at creation, +1 per change: `countChange`, which
   * writes it over the number read, so concurrent changes cannot share one),
   * sent as `sequence` in its events so copies elsewhere apply them in this order.
   */
  @Property({ type: 'integer', default: 1 })
  version: number & Opt = 1;
}

/**
 * The history of who managed a compound when: one row per term, the current
 * one open (`until` null). A term starts at creation and at every change of
 * management mode or firm.
 */
@Entity({ tableName: 'compound_management' })
@Index({ properties: ['compoundId', 'since'] })
// One open management term per compound, even when two changes race (CONFLICT).
@Unique({
  name: 'compound_management_open_unique',
  expression: 'create unique index "compound_management_open_unique" on "compound_management" ("compound_id") where "until" is null',
})
export class CompoundManagementEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 20 })
  managementMode!: ManagementMode;

  /** Which compounds a firm managed when (evaluations and audits ask this). */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  propertyFirmId!: string | null;

  @Property({ type: 'datetime' })
  since!: Date;

  @Property({ type: 'datetime', nullable: true })
  until!: Date | null;

  /** The owners' proposal (a passed FIRM_HIRE_OR_DISMISS) that started this term; null for a change by staff. */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  proposalId!: string | null;

  /** The outgoing firm had an overdue rectification (the compound was under review) when this term began. */
  @Property({ type: 'boolean', default: false })
  replacedFirmUnderReview!: boolean & Opt;
}
