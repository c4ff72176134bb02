import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * This subgraph's copy of the grid tree, fed by the grids events: which
 * community a grid lies in (scope) and whether it covers a compound (the
 * level a ticket starts at).
 */
@Entity({ tableName: 'grid_node' })
export class GridNodeEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 20 })
  level!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  compoundId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  parentId!: string | null;

  /** Set from grids.grid.retired (final: no later state clears it): a retired grid takes no new tickets. */
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  /** `occurredAt` of the event that set this state: an older event arriving late changes nothing. */
  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** The producer's change number (`sequence`) of the state held; null when it came from an event without one. It orders before `updatedAt`. */
  @Property({ type: 'integer', nullable: true })
  sequence?: number | null;
}
