import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** 双报到: a department's party organisation reporting to a community, since a date. */
@Entity({ tableName: 'pairing' })
@Index({ properties: ['communityId'] })
// One open pairing per department and community, even when two registrations race (CONFLICT).
@Unique({
  name: 'pairing_open_unique',
  expression: 'create unique index "pairing_open_unique" on "pairing" ("department_id", "community_id") where "until" is null',
})
export class PairingEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  departmentId!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 10 })
  since!: string;

  /** Set by `endPairing` (YYYY-MM-DD); the pairing stays listed. */
  @Property({ type: 'string', length: 10, nullable: true })
  until?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
