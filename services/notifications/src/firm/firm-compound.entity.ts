import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Which firm manages which compound, in which community (from the grids events): who hears of a firm's rectification. */
@Entity({ tableName: 'firm_compound' })
@Index({ properties: ['firmId'] })
export class FirmCompoundEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  firmId!: string | null;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  /** The `occurredAt` of the change this row holds: the newest by the producer's order wins, whatever the delivery order (rows from before this column rank oldest). */
  @Property({ type: 'datetime', length: 3, nullable: true })
  asOf!: Date | null;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `asOf`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}
