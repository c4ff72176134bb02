import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { RectificationReason, RectificationStatus } from './rectification.rules';

/** A rectification (整改) issued to a handling organisation. This subgraph's own record, not a read model. */
@Entity({ tableName: 'rectification' })
@Index({ properties: ['firmId', 'issuedAt'] })
@Index({ properties: ['status', 'dueAt'] })
export class RectificationEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  firmId!: string;

  @Property({ type: 'string', length: 30 })
  reason!: RectificationReason;

  @Property({ type: 'string', length: 20 })
  status!: RectificationStatus;

  /** The finalised month a POOR_GRADE rectification answers (`YYYY-MM`); null for REPEATED_BAD_RATINGS. */
  @Property({ type: 'string', length: 7, nullable: true })
  period!: string | null;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'text', nullable: true })
  response!: string | null;

  @Property({ type: 'datetime', nullable: true })
  respondedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  verificationNote!: string | null;

  @Property({ type: 'datetime', nullable: true })
  verifiedAt!: Date | null;

  /** When it became OVERDUE: its due time (the deduction belongs to that month, however late the scheduler ran). */
  @Property({ type: 'datetime', nullable: true })
  overdueAt!: Date | null;

  @Index({ properties: ['firmId', 'overdueMonth'] })
  @Property({ type: 'string', length: 7, nullable: true })
  overdueMonth!: string | null;
}
