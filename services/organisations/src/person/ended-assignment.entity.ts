import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A grid assignment whose end (`grids.staff.unassigned`) this service has
 * seen: a tombstone, so an assignment arriving after its own end (the bus
 * keeps no order) never places the person in the community for good.
 * Assignment ids are never reused; a row is a few bytes.
 */
@Entity({ tableName: 'ended_grid_assignment' })
export class EndedGridAssignmentEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  assignmentId!: string;

  @Property({ type: 'datetime' })
  endedAt!: Date;
}
