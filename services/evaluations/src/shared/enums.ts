import { registerEnumType } from 'type-graphql';
import type { DeductionReason, Grade } from '../assessment/assessment.rules';
import type { RectificationReason, RectificationStatus } from '../rectification/rectification.rules';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const GradeEnum = enumOf<Grade>(['EXCELLENT', 'GOOD', 'FAIR', 'POOR']);
registerEnumType(GradeEnum, {
  name: 'Grade',
  description: 'Grade of a monthly assessment: ≥ 90 EXCELLENT, ≥ 75 GOOD, ≥ 60 FAIR, else POOR.',
  valuesConfig: {
    EXCELLENT: { description: 'Score 90 or more.' },
    GOOD: { description: 'Score 75 to under 90.' },
    FAIR: { description: 'Score 60 to under 75.' },
    POOR: { description: 'Score under 60; at finalisation it issues a POOR_GRADE rectification.' },
  },
});

export const DeductionReasonEnum = enumOf<DeductionReason>(['BAD_RATING', 'RECTIFICATION_OVERDUE']);
registerEnumType(DeductionReasonEnum, {
  name: 'DeductionReason',
  description: 'Why points were taken off a monthly score.',
  valuesConfig: {
    BAD_RATING: { description: '2 points for each rating of 1 or 2 given in the month to a ticket the firm resolved.' },
    RECTIFICATION_OVERDUE: { description: '5 points for each of the firm’s rectifications that became overdue in the month.' },
  },
});

export const RectificationReasonEnum = enumOf<RectificationReason>(['REPEATED_BAD_RATINGS', 'POOR_GRADE']);
registerEnumType(RectificationReasonEnum, {
  name: 'RectificationReason',
  description: 'Why a rectification was issued (automatically).',
  valuesConfig: {
    REPEATED_BAD_RATINGS: { description: 'The firm’s bad ratings in the trailing 30 days reached 3, with no open rectification of this reason.' },
    POOR_GRADE: { description: 'The firm’s finalised month was graded POOR.' },
  },
});

export const RectificationStatusEnum = enumOf<RectificationStatus>(['ISSUED', 'RESPONDED', 'VERIFIED', 'OVERDUE']);
registerEnumType(RectificationStatusEnum, {
  name: 'RectificationStatus',
  description: 'ISSUED --respond--> RESPONDED --verify(passed)--> VERIFIED; a failed verification returns it to ISSUED; any other move is INVALID_TRANSITION.',
  valuesConfig: {
    ISSUED: { description: 'Waiting for the firm’s response; due 15 days after issue.' },
    RESPONDED: { description: 'The firm responded; waiting for verification by staff of its scope.' },
    VERIFIED: { description: 'Verified as rectified. Final.' },
    OVERDUE: { description: 'Still open at its due time (or answered late): the firm is recommended for replacement and its compounds are under review.' },
  },
});
