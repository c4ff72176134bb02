import { Field, ID, ObjectType } from 'type-graphql';
import { RectificationReasonEnum, RectificationStatusEnum } from '../shared/enums';
import type { RectificationReason, RectificationStatus } from './rectification.rules';
import type { RectificationEntity } from './rectification.entity';

/** Rectification statuses are public (contract: accountability is meant to be visible). */
@ObjectType('Rectification')
export class Rectification {
  @Field(() => ID)
  id!: string;

  @Field(() => RectificationReasonEnum)
  reason!: RectificationReason;

  @Field(() => RectificationStatusEnum)
  status!: RectificationStatus;

  @Field(() => String, { nullable: true, description: 'The finalised month (YYYY-MM) a POOR_GRADE rectification answers.' })
  period!: string | null;

  @Field()
  issuedAt!: Date;

  @Field({ description: '15 days after issue; still open then, it becomes OVERDUE.' })
  dueAt!: Date;

  @Field(() => String, { nullable: true, description: "The organisation's latest response." })
  response!: string | null;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The note of the latest verification.' })
  verificationNote!: string | null;

  @Field(() => Date, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true })
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

@ObjectType()
export class RectificationPayload {
  @Field(() => Rectification)
  rectification!: Rectification;
}
