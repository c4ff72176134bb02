import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One notification in one inbox. `recipient` is `P:<personId>` or
 * `O:<organisationId>` (an organisation's inbox is read by everyone acting
 * for it). An event gives each recipient at most one row (unique key).
 */
@Entity({ tableName: 'notification' })
@Unique({ properties: ['eventId', 'recipient', 'kind'] })
@Index({ properties: ['recipient', 'createdAt', 'id'] })
export class NotificationEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 80 })
  recipient!: string;

  @Property({ type: 'string', length: 40 })
  kind!: string;

  @Property({ type: 'string', length: 100 })
  title!: string;

  @Property({ type: 'string', length: 500 })
  body!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  ticketId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  proposalId!: string | null;

  /** The organisation the notification is about (the recipient organisation, or the assignee a person hears about). */
  @Property({ type: 'string', length: 36, nullable: true })
  organisationId!: string | null;

  /** The event it was made from. */
  @Property({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** A person's read mark on one notification (also on an organisation's: read state is per person). */
@Entity({ tableName: 'notification_read' })
export class NotificationReadEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  personId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  notificationId!: string;

  @Property({ type: 'string', length: 80 })
  recipient!: string;

  @Property({ type: 'datetime' })
  readAt!: Date;
}

/** Notifications per inbox, kept with each insert: `unreadCount` and `totalCount` never count rows per request. */
@Entity({ tableName: 'inbox_counter' })
export class InboxCounterEntity {
  @PrimaryKey({ type: 'string', length: 80 })
  recipient!: string;

  @Property({ type: 'integer' })
  total!: number;
}

/** Read marks per person and inbox, kept with each mark. */
@Entity({ tableName: 'read_counter' })
export class ReadCounterEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  personId!: string;

  @PrimaryKey({ type: 'string', length: 80 })
  recipient!: string;

  @Property({ type: 'integer' })
  readCount!: number;
}
