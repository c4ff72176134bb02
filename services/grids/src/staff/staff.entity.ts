import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { GridRole } from './staff.rules';

/** A person staffing a grid in a role; ended assignments stay as history. */
@Entity({ tableName: 'grid_staff' })
@Index({ properties: ['gridId', 'personId'] })
@Index({ properties: ['communityId'] })
// A person holds a role on a grid once at a time, even when two assignments race (CONFLICT).
@Unique({
  name: 'grid_staff_open_unique',
  expression: 'create unique index "grid_staff_open_unique" on "grid_staff" ("grid_id", "person_id", "role") where "until" is null',
})
export class GridStaffEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  gridId!: string;

  /** A Person of the organisations subgraph (the token's `sub` for one's own visits). */
  @Property({ type: 'string', length: 64 })
  personId!: string;

  @Property({ type: 'string', length: 30 })
  role!: GridRole;

  /** The grid's community: compliance and scope filter on it. */
  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'datetime' })
  since!: Date;

  @Property({ type: 'datetime', nullable: true })
  until!: Date | null;
}
