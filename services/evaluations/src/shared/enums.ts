import { registerEnumType } from 'type-graphql';
import type { DeductionReason, Grade } from '../assessment/assessment.rules';
import type { RectificationReason, RectificationStatus } from '../rectification/rectification.rules';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const GradeEnum = enumOf<Grade>(['EXCELLENT', 'GOOD', 'FAIR', 'POOR']);
registerEnumType(GradeEnum, { name: 'Grade', description: 'Grade of a monthly assessment: ≥ 90 EXCELLENT, ≥ 75 GOOD, ≥ 60 FAIR, else POOR.' });

export const DeductionReasonEnum = enumOf<DeductionReason>(['BAD_RATING', 'RECTIFICATION_OVERDUE']);
registerEnumType(DeductionReasonEnum, { name: 'DeductionReason' });

export const RectificationReasonEnum = enumOf<RectificationReason>(['REPEATED_BAD_RATINGS', 'POOR_GRADE']);
registerEnumType(RectificationReasonEnum, { name: 'RectificationReason' });

export const RectificationStatusEnum = enumOf<RectificationStatus>(['ISSUED', 'RESPONDED', 'VERIFIED', 'OVERDUE']);
registerEnumType(RectificationStatusEnum, { name: 'RectificationStatus' });
