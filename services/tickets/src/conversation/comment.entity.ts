import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A comment on a ticket (public, or internal for staff); it changes no status. Listed oldest first. */
@Entity({ tableName: 'ticket_comment' })
@Index({ name: 'ticket_comment_ticket_idx', properties: ['ticketId', 'at', 'id'] })
export class TicketCommentEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  ticketId!: string;

  /** Person ids come from tokens (`sub`). */
  @Property({ type: 'string', length: 100 })
  authorId!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'boolean' })
  internal!: boolean;

  @Property({ type: 'datetime' })
  at!: Date;
}
