import { Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import type { EscalationLevel, Priority, RatingVia, TicketCategory, TicketChannel, TicketStatus, TimelineAction } from './ticket.rules';

/**
 * A ticket (工单). Every list filter has an index ending in the list order
 * (`created_at`, `id`), so a page is one index range scan whatever the filter.
 * `scope_path` (the community's place in the tree, `/d/s/c/`) scopes by a
 * prefix `LIKE`; its PostgreSQL index uses `varchar_pattern_ops` (migration).
 */
@Entity({ tableName: 'ticket' })
@Index({ name: 'ticket_list_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'ticket_scope_path_idx', properties: ['scopePath'] })
@Index({ name: 'ticket_community_list_idx', properties: ['communityId', 'createdAt', 'id'] })
@Index({ name: 'ticket_grid_list_idx', properties: ['gridId', 'createdAt', 'id'] })
@Index({ name: 'ticket_assignee_list_idx', properties: ['assigneeId', 'createdAt', 'id'] })
@Index({ name: 'ticket_status_list_idx', properties: ['status', 'createdAt', 'id'] })
@Index({ name: 'ticket_category_list_idx', properties: ['category', 'createdAt', 'id'] })
@Index({ name: 'ticket_level_list_idx', properties: ['escalationLevel', 'createdAt', 'id'] })
@Index({ name: 'ticket_reporter_list_idx', properties: ['reporterId', 'createdAt', 'id'] })
@Index({ name: 'ticket_community_status_list_idx', properties: ['communityId', 'status', 'createdAt', 'id'] })
@Index({ name: 'ticket_assignee_status_list_idx', properties: ['assigneeId', 'status', 'createdAt', 'id'] })
// Open tickets (the `overdue` filter's rows) in list order: partial, so their size follows the open work, not the history.
@Index({ name: 'ticket_open_list_idx', expression: `create index "ticket_open_list_idx" on "ticket" ("created_at", "id") where "status" in ('DISPATCHED', 'ACCEPTED')` })
@Index({
  name: 'ticket_open_community_list_idx',
  expression: `create index "ticket_open_community_list_idx" on "ticket" ("community_id", "created_at", "id") where "status" in ('DISPATCHED', 'ACCEPTED')`,
})
// The scheduler's overdue claims: only due times not yet announced, so a pass never re-reads the announced ones.
@Index({
  name: 'ticket_response_unannounced_idx',
  expression: `create index "ticket_response_unannounced_idx" on "ticket" ("response_due_at") where "status" = 'DISPATCHED' and "response_overdue_announced_at" is null`,
})
@Index({
  name: 'ticket_resolution_unannounced_idx',
  expression: `create index "ticket_resolution_unannounced_idx" on "ticket" ("resolution_due_at") where "status" in ('DISPATCHED', 'ACCEPTED') and "resolution_overdue_announced_at" is null`,
})
// `ticketChanges`: oldest change first, whole tree or one community.
@Index({ name: 'ticket_changes_idx', properties: ['updatedAt', 'id'] })
@Index({ name: 'ticket_community_changes_idx', properties: ['communityId', 'updatedAt', 'id'] })
// The `overdue` filter and the scheduler's claims: due times by status.
@Index({ name: 'ticket_response_due_idx', properties: ['status', 'responseDueAt'] })
@Index({ name: 'ticket_resolution_due_idx', properties: ['status', 'resolutionDueAt'] })
@Index({ name: 'ticket_resolved_idx', properties: ['status', 'resolvedAt'] })
export class TicketEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Unique()
  @Property({ type: 'string', length: 24 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'string', length: 40 })
  category!: TicketCategory;

  @Property({ type: 'string', length: 40 })
  channel!: TicketChannel;

  @Property({ type: 'string', length: 10 })
  priority!: Priority;

  @Property({ type: 'string', length: 20 })
  status!: TicketStatus;

  @Property({ type: 'string', length: 20 })
  escalationLevel!: EscalationLevel;

  @Property({ type: 'string', length: 36 })
  gridId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  compoundId!: string | null;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  /** The community's ancestors and itself, `/district/street/community/`: scope = prefix. */
  @Property({ type: 'string', length: 1000 })
  scopePath!: string;

  /** Person ids come from tokens (`sub`). */
  @Property({ type: 'string', length: 100 })
  reporterId!: string;

  /** Who entered it (a grid worker on a resident's behalf, or the reporter). */
  @Property({ type: 'string', length: 100 })
  submittedById!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  serviceItemId!: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  contactPhone!: string | null;

  @Property({ type: 'double', nullable: true })
  lat!: number | null;

  @Property({ type: 'double', nullable: true })
  lng!: number | null;

  @Property({ type: 'string', length: 36, nullable: true })
  assigneeId!: string | null;

  @Property({ type: 'datetime', nullable: true })
  responseDueAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolutionDueAt!: Date | null;

  /** Set when TicketOverdue announced the response due time in force; cleared whenever a new one is set. */
  @Property({ type: 'datetime', nullable: true })
  responseOverdueAnnouncedAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolutionOverdueAnnouncedAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastDispatchedAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt!: Date | null;

  @Property({ type: 'string', length: 36, nullable: true })
  resolvedById!: string | null;

  @Property({ type: 'datetime', nullable: true })
  closedAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt!: Date | null;

  @Property({ type: 'integer' })
  reopenCount!: number;

  @Property({ type: 'smallint', nullable: true })
  ratingScore!: number | null;

  @Property({ type: 'text', nullable: true })
  ratingComment!: string | null;

  @Property({ type: 'datetime', nullable: true })
  ratedAt!: Date | null;

  /** RESIDENT or FOLLOW_UP; null while unrated (first-release rows: RESIDENT). */
  @Property({ type: 'string', length: 10, nullable: true })
  ratingVia!: RatingVia | null;

  /**
   * Whether the reporter may rate it: false when staff submitted it as
   * themselves, without the RESIDENT role (contract correction: only a
   * resident's own rating, or a follow-up, counts). Such a ticket closes
   * unrated after 7 days and stays out of every satisfaction rate.
   */
  @Property({ type: 'boolean', default: true })
  ratable: boolean & Opt = true;

  /** 1 at submission, +1 per transition: the snapshot version events carry. */
  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

/** One entry per transition (contract: `at`, `action`, `fromStatus`, `toStatus`, `actor`, `note`). */
@Entity({ tableName: 'ticket_timeline_entry' })
@Index({ name: 'ticket_timeline_ticket_idx', properties: ['ticketId', 'seq'] })
export class TimelineEntryEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  ticketId!: string;

  /** The ticket's version after this transition: orders the timeline. */
  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 20 })
  action!: TimelineAction;

  @Property({ type: 'string', length: 20, nullable: true })
  fromStatus!: TicketStatus | null;

  @Property({ type: 'string', length: 20 })
  toStatus!: TicketStatus;

  /** Null for the scheduler (AUTO_CLOSE). */
  @Property({ type: 'string', length: 100, nullable: true })
  actorId!: string | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

/** Organisations that accepted a ticket: they keep seeing the tickets they handled (contract "HANDLER_STAFF"). */
@Entity({ tableName: 'ticket_handler' })
@Index({ name: 'ticket_handler_org_idx', properties: ['organisationId', 'ticketId'] })
export class TicketHandlerEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  ticketId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  organisationId!: string;

  @Property({ type: 'datetime' })
  firstAcceptedAt!: Date;
}

/** The per-day sequence of ticket codes: one row per day (UTC+8), incremented in the submitting transaction. */
@Entity({ tableName: 'ticket_code_counter' })
export class TicketCodeCounterEntity {
  @PrimaryKey({ type: 'string', length: 8 })
  day!: string;

  @Property({ type: 'integer' })
  last!: number;
}
