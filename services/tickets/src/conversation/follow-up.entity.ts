import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A follow-up call or visit (回访) to a ticket's reporter, kept whether or not it reached them. */
@Entity({ tableName: 'ticket_follow_up' })
@Index({ name: 'ticket_follow_up_ticket_idx', properties: ['ticketId', 'at', 'id'] })
export class TicketFollowUpEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  ticketId!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'boolean' })
  reached!: boolean;

  /** 1–5 when the reporter was reached. */
  @Property({ type: 'smallint', nullable: true })
  score!: number | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Property({ type: 'string', length: 100 })
  recordedById!: string;
}
