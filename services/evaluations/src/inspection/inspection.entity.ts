import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { InspectionItemValue } from './inspection.rules';

/** An inspection of a firm's service at a compound (this subgraph's own record). */
@Entity({ tableName: 'inspection' })
@Index({ properties: ['firmId', 'month'] })
export class InspectionEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  firmId!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  compoundId!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  /** `YYYY-MM` (UTC+8) of `at`: the assessment month it counts in. */
  @Property({ type: 'string', length: 7 })
  month!: string;

  /** Mean of the items. */
  @Property({ type: 'double' })
  score!: number;

  @Property({ type: 'json' })
  items!: InspectionItemValue[];

  /** Person id of who recorded it. */
  @Property({ type: 'string', length: 100 })
  inspectorId!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
