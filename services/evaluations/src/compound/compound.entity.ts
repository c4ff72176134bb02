import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * This subgraph's copy of a compound (小区), kept from the grids events:
 * which community it lies in (scope of inspections and verifications) and
 * which firm manages it now (the firms a scope finalises and ranks).
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

  @Property({ type: 'string', length: 20 })
  managementMode!: string;

  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  propertyFirmId!: string | null;

  /** `occurredAt` of the event this row reflects: an older snapshot arriving late is ignored. */
  @Property({ type: 'datetime' })
  asOf!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `asOf`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}
