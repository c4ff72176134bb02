import { Field, ID, ObjectType } from 'type-graphql';
import { RectificationReasonEnum, RectificationStatusEnum } from '../shared/enums';
import type { RectificationReason, RectificationStatus } from './rectification.rules';
import type { RectificationEntity } from './rectification.entity';

/** Rectification statuses are public (contract: accountability is meant to be visible). */
@ObjectType('Rectification', { description: 'A rectification (整改) issued to a handling organisation. Its status is public.' })
export class Rectification {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => RectificationReasonEnum, { description: 'Why it was issued.' })
  reason!: RectificationReason;

  @Field(() => RectificationStatusEnum, { description: 'Where it stands: ISSUED → RESPONDED → VERIFIED, or OVERDUE.' })
  status!: RectificationStatus;

  @Field(() => String, { nullable: true, description: 'The finalised month (YYYY-MM) a POOR_GRADE rectification answers.' })
  period!: string | null;

  @Field({ description: 'When it was issued.' })
  issuedAt!: Date;

  @Field({ description: '15 days after issue; still open then, it becomes OVERDUE.' })
  dueAt!: Date;

  @Field(() => String, { nullable: true, description: "The organisation's latest response." })
  response!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the latest response came; null before one.' })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The note of the latest verification.' })
  verificationNote!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was verified as passed; null until then.' })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it became OVERDUE; null unless it did.' })
  overdueAt!: Date | null;

  firmId!: string;
}

export function toRectification(row: RectificationEntity): Rectification {
  return Object.assign(new Rectification(), {
    id: row.id,
    reason: row.reason,
    status: row.status,
    period: row.period,
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    response: row.response,
    respondedAt: row.respondedAt,
    verificationNote: row.verificationNote,
    verifiedAt: row.verifiedAt,
    overdueAt: row.overdueAt,
    firmId: row.firmId,
  });
}

@ObjectType({ description: 'The result of respondRectification and verifyRectification.' })
export class RectificationPayload {
  @Field(() => Rectification, { description: 'The rectification as written.' })
  rectification!: Rectification;
}
