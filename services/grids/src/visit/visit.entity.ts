import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A door-to-door visit (入户走访) made by a grid worker in a grid. */
@Entity({ tableName: 'visit' })
@Index({ properties: ['communityId', 'at'] })
@Index({ properties: ['gridId', 'at'] })
export class VisitEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  gridId!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  /** Who made the visit. */
  @Property({ type: 'string', length: 64 })
  visitorId!: string;

  /** Who recorded it: the visitor, or staff of the scope entering it for them. */
  @Property({ type: 'string', length: 64 })
  recordedById!: string;

  /** When the visit happened (the month it counts in, UTC+8). */
  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'integer' })
  householdsVisited!: number;

  @Property({ type: 'text', nullable: true })
  notes!: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
