import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeliberationFormat, DeliberationStatus } from './deliberation.rules';

/** A deliberation meeting (板凳会, 院落会, 阳光议事厅, 红色议事角) that settles hard cases of a community. */
@Entity({ tableName: 'deliberation' })
@Index({ name: 'deliberation_community_idx', properties: ['communityId', 'scheduledAt'] })
export class DeliberationEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 30 })
  format!: DeliberationFormat;

  @Property({ type: 'string', length: 100 })
  topic!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId!: string | null;

  @Property({ type: 'datetime' })
  scheduledAt!: Date;

  @Property({ type: 'string', length: 20 })
  status!: DeliberationStatus;

  @Property({ type: 'text', nullable: true })
  outcome!: string | null;

  @Property({ type: 'datetime', nullable: true })
  heldAt!: Date | null;

  @Property({ type: 'string', length: 100 })
  scheduledById!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** The tickets a deliberation takes up, in the order given. */
@Entity({ tableName: 'deliberation_ticket' })
@Index({ name: 'deliberation_ticket_ticket_idx', properties: ['ticketId'] })
export class DeliberationTicketEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  deliberationId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  ticketId!: string;

  @Property({ type: 'integer' })
  position!: number;
}
