import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** 红色物业联盟: firms, committees and party branches led by one organisation. */
@Entity({ tableName: 'alliance' })
export class AllianceEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  leadOrganisationId!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

@Entity({ tableName: 'alliance_member' })
export class AllianceMemberEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  allianceId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  organisationId!: string;

  /** Keeps the members in the order given. */
  @Property({ type: 'integer' })
  position!: number;
}

@Entity({ tableName: 'joint_meeting' })
@Index({ properties: ['allianceId', 'scheduledAt'] })
export class JointMeetingEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  allianceId!: string;

  @Property({ type: 'datetime' })
  scheduledAt!: Date;

  @Property({ type: 'text' })
  agenda!: string;

  /** Recorded resolutions, in order (JSON array of strings). */
  @Property({ type: 'json' })
  resolutions!: string[];

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
