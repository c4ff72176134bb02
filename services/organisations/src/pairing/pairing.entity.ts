import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** 双报到: a department's party organisation reporting to a community, since a date. */
@Entity({ tableName: 'pairing' })
@Index({ properties: ['communityId'] })
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
