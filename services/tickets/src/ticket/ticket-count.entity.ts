import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Exact ticket counts per scope node × creation month × status × category ×
 * escalation level, maintained in the transaction of every write that
 * creates a ticket or moves it between keys (ticket.count.ts). A ticket
 * counts once under each node of its `scope_path` (district, street,
 * community) and once under `*` (everything), so a scope's `totalCount` is a
 * sum over at most months × statuses × categories × levels rows, whatever
 * the number of tickets.
 */
@Entity({ tableName: 'ticket_count' })
export class TicketCountEntity {
  /** An organisation id on the ticket's scope path, or `*`. */
  @PrimaryKey({ type: 'string', length: 36 })
  scopeId!: string;

  /** `YYYY-MM` of `created_at`, UTC+8. */
  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  @PrimaryKey({ type: 'string', length: 20 })
  status!: string;

  @PrimaryKey({ type: 'string', length: 40 })
  category!: string;

  @PrimaryKey({ type: 'string', length: 20 })
  escalationLevel!: string;

  @Property({ type: 'integer' })
  n!: number;
}

/**
 * Exact ticket counts per assignee × status: the rows of an organisation's
 * work queue (`assignedTickets`, every ticket whose `assignee_id` is the
 * organisation), maintained with `ticket_count` in the same writes. A firm
 * answers a year's queue from a handful of rows instead of counting its
 * tickets (13,000 a year for a large firm) on every page.
 */
@Entity({ tableName: 'ticket_assignee_count' })
export class TicketAssigneeCountEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  assigneeId!: string;

  @PrimaryKey({ type: 'string', length: 20 })
  status!: string;

  @Property({ type: 'integer' })
  n!: number;
}
