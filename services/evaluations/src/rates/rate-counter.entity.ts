import { Entity, type Opt, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { RateDimension } from '../ticket/ticket-facts.rules';

/**
 * Service-rate counters per community (tickets submitted there) or per
 * handling organisation (tickets assigned to it), per month of submission.
 * Streets and the district sum their communities; quarters and years sum
 * their months: a request never scans tickets.
 */
@Entity({ tableName: 'rate_counter' })
export class RateCounterEntity {
  [PrimaryKeyProp]?: ['dimension', 'scopeId', 'month'];

  @PrimaryKey({ type: 'string', length: 10 })
  dimension!: RateDimension;

  @PrimaryKey({ type: 'string', length: 36 })
  scopeId!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  @Property({ type: 'integer', default: 0 })
  tickets!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  dispatched!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  acceptedOnTime!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  resolved!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  rated!: number & Opt;

  @Property({ type: 'integer', default: 0 })
  satisfied!: number & Opt;
}
