import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * This subgraph's copy of a compound (小区), kept from the grids events: its
 * community and ancestor chain (scope), who manages it and its party
 * organisation and owners' committee (who reviews, who may pay and spend).
 */
@Entity({ tableName: 'compound' })
export class CompoundEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  communityId!: string;

  /** The community's ancestors, root first, as `/a/b/` (the kit's org path form). */
  @Property({ type: 'string', length: 1000 })
  communityPath!: string;

  @Property({ type: 'string', length: 20 })
  managementMode!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  propertyFirmId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  partyOrganisationId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  ownersCommitteeId!: string | null;

  /** `occurredAt` of the event this row reflects: an older snapshot arriving late is ignored. */
  @Property({ type: 'datetime' })
  asOf!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `asOf`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}

/**
 * Which firm managed a compound from which month (UTC+8): a firm's fee
 * collection covers the compounds it managed in the months asked about. A
 * month belongs to the firm managing the compound on its last change within
 * or before that month.
 */
@Entity({ tableName: 'compound_firm_term' })
@Index({ properties: ['propertyFirmId', 'fromMonth'] })
export class CompoundFirmTermEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  compoundId!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  fromMonth!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  propertyFirmId!: string | null;

  /** The `occurredAt` of the change this term holds: a month's later change wins whatever the delivery order. */
  @Property({ type: 'datetime', length: 3, nullable: true })
  asOf!: Date | null;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `asOf`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}
