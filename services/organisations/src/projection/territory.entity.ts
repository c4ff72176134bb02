import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * This subgraph's copy of the compounds (owned by grids, fed by the
 * `grids.compound.*` events): the register needs a compound's community
 * (scope) and its name (CSV rows name the compound).
 */
@Entity({ tableName: 'compound_node' })
@Index({ properties: ['communityId', 'name'] })
export class CompoundNodeEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  /** `occurredAt` of the event that set this state: an older event arriving late changes nothing. */
  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `updatedAt`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}

/** This subgraph's copy of the grids (fed by `grids.grid.*`): a household's grid must lie in its compound. */
@Entity({ tableName: 'grid_node' })
@Index({ properties: ['compoundId'] })
export class GridNodeEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  compoundId!: string | null;

  @Property({ type: 'datetime', nullable: true })
  retiredAt!: Date | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `updatedAt`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}
