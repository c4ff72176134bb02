import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { TicketStatus } from '@linli/events';
import { BAD_RATING_MAX_SCORE, type DispatchFact } from './ticket-facts.rules';

/** One ticket as the evaluations read models know it (see `TicketFacts`). */
@Entity({ tableName: 'ticket_fact' })
@Index({ properties: ['resolvedById', 'ratedAt'] })
// A firm's bad ratings in the trailing window (REPEATED_BAD_RATINGS, at each bad rating): the window's bad ratings
// only, not every rating of the firm's month (~1,000 rows read for each bad rating at a district-year).
@Index({
  name: 'ticket_fact_bad_rating_idx',
  expression: `create index "ticket_fact_bad_rating_idx" on "ticket_fact" ("resolved_by_id", "rated_at") where "rating_score" <= ${BAD_RATING_MAX_SCORE}`,
})
export class TicketFactEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  code!: string;

  /** `ticket.version` of the snapshot applied last. */
  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 20 })
  status!: TicketStatus;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  assigneeId!: string | null;

  /** Null in rows from before the second release until a rebuild. */
  @Property({ type: 'string', length: 100, nullable: true })
  reporterId!: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  escalationLevel!: string | null;

  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  responseDueAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolutionDueAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt!: Date | null;

  @Property({ type: 'string', length: 36, nullable: true })
  resolvedById!: string | null;

  @Property({ type: 'integer', nullable: true })
  ratingScore!: number | null;

  @Property({ type: 'datetime', nullable: true })
  ratedAt!: Date | null;

  /** `YYYY-MM` (UTC+8) of `ratedAt`: a firm's deductions of a month are one indexed lookup. */
  @Index({ properties: ['resolvedById', 'ratedMonth'] })
  @Property({ type: 'string', length: 7, nullable: true })
  ratedMonth!: string | null;

  @Property({ type: 'json' })
  dispatches!: DispatchFact[];

  @Property({ type: 'json' })
  acceptedOnTimeBy!: string[];
}
