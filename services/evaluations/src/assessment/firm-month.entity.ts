import { Entity, Index, type Opt, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { FrozenAssessment } from './assessment.rules';

/**
 * The pre-aggregated month of one handling organisation: every term of the
 * assessment formula as a counter, so an assessment (or a page of them) is
 * one indexed read. Ticket counters are kept by the ticket consumer;
 * inspections by `recordInspection`; overdue rectifications by the
 * scheduler. `finalised` holds the frozen assessment once the month is
 * finalised: what the API serves from then on.
 */
@Entity({ tableName: 'firm_month' })
@Index({ properties: ['month'] })
export class FirmMonthEntity {
  [PrimaryKeyProp]?: ['firmId', 'month'];

  @PrimaryKey({ type: 'string', length: 36 })
  firmId!: string;

  /** `YYYY-MM`, UTC+8. */
  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  /** Tickets dispatched to the organisation this month, each once. */
  @Property({ type: 'integer', default: 0 })
  ticketCount!: number & Opt;

  /** …of which it accepted by their response due time. */
  @Property({ type: 'integer', default: 0 })
  acceptedOnTime!: number & Opt;

  /** …of which are now RESOLVED or CLOSED, last resolved by it in time. */
  @Property({ type: 'integer', default: 0 })
  resolvedOnTime!: number & Opt;

  /** Ratings given this month to tickets it resolved. */
  @Property({ type: 'integer', default: 0 })
  ratings!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  goodRatings!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  badRatings!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  inspections!: number & Opt;

  /** Sum of this month's inspection scores (each the mean of its items). */
  @Property({ type: 'double', default: 0 })
  inspectionScoreSum!: number & Opt;

  /** Rectifications that became overdue this month. */
  @Property({ type: 'integer', default: 0 })
  overdueRectifications!: number & Opt;

  @Property({ type: 'json', nullable: true })
  finalised!: (FrozenAssessment | null) & Opt;
}

/** The ticket-derived columns: what a rebuild resets and replays (the rest is this subgraph's own record). */
export const TICKET_COUNTER_PROPS = ['ticketCount', 'acceptedOnTime', 'resolvedOnTime', 'ratings', 'goodRatings', 'badRatings'] as const;
