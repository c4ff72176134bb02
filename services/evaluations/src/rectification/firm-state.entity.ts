import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { Grade } from '../assessment/assessment.rules';

/** Per handling organisation: the consequences of its assessments that outlive a month. */
@Entity({ tableName: 'firm_state' })
export class FirmStateEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  firmId!: string;

  /** Set when one of its rectifications became OVERDUE (contract); stays set. */
  @Property({ type: 'boolean', default: false })
  replacementRecommended!: boolean & Opt;

  /** Grade of the latest finalised month (`currentGrade`) and that month. */
  @Property({ type: 'string', length: 10, nullable: true })
  currentGrade!: (Grade | null) & Opt;

  @Property({ type: 'string', length: 7, nullable: true })
  currentGradeMonth!: (string | null) & Opt;
}
