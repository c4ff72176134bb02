import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DeductionReasonEnum, GradeEnum } from '../shared/enums';
import type { AssessmentFigures, DeductionLine, DeductionReason, Grade } from './assessment.rules';

/** One line of an assessment's deductions (contract: "reason `BAD_RATING`, with its ticket"). */
@ObjectType('Deduction', { description: 'One deduction from an assessment.' })
export class Deduction {
  @Field(() => Int, { description: '2 for a bad rating, 5 for an overdue rectification.' })
  points!: number;

  @Field(() => DeductionReasonEnum, { description: 'Why the points were deducted.' })
  reason!: DeductionReason;

  @Field({ description: 'When the bad rating was given, or when the rectification became overdue.' })
  at!: Date;

  ticketId!: string | null;
  rectificationId!: string | null;
}

export const toDeduction = (d: DeductionLine) =>
  Object.assign(new Deduction(), { points: d.points, reason: d.reason, at: d.at, ticketId: d.ticketId, rectificationId: d.rectificationId });

/**
 * The monthly assessment of a handling organisation. Public (contract: open
 * to every authenticated caller); only a deduction's `ticket` follows the
 * ticket rules (the tickets subgraph answers null where the caller may not
 * see it).
 */
@ObjectType('Assessment', { description: 'The monthly assessment of a handling organisation. Public; only a deduction’s `ticket` follows the ticket rules.' })
export class Assessment {
  @Field({ description: 'The month, YYYY-MM (UTC+8).' })
  period!: string;

  @Field(() => Float, { description: 'base − deductions, clamped to 0–100, rounded to one decimal.' })
  score!: number;

  @Field(() => GradeEnum, { description: '≥ 90 EXCELLENT, ≥ 75 GOOD, ≥ 60 FAIR, else POOR.' })
  grade!: Grade;

  @Field({ description: 'Frozen by finaliseAssessments: later events no longer change it.' })
  finalised!: boolean;

  @Field(() => Date, { nullable: true, description: 'When finaliseAssessments froze it; null while live.' })
  finalisedAt!: Date | null;

  @Field(() => Int, { description: 'Tickets dispatched to the organisation in the month (each once).' })
  ticketCount!: number;

  @Field(() => Float, { description: 'Ratings of 4–5 / all ratings given in the month to tickets the organisation resolved; 1 when none.' })
  satisfactionRate!: number;

  @Field(() => Float, { description: 'Tickets accepted by their response due time / ticketCount; 1 when none.' })
  responseRate!: number;

  @Field(() => Float, { description: 'Tickets now RESOLVED or CLOSED whose last resolve came by the resolution due time / ticketCount; 1 when none.' })
  resolutionRate!: number;

  @Field(() => Float, { description: "Mean of the month's inspection scores (100 when none)." })
  inspectionScore!: number;

  @Field(() => Float, { description: '40·satisfactionRate + 20·responseRate + 20·resolutionRate + 0.2·inspectionScore.' })
  baseScore!: number;

  @Field(() => Int, { description: 'Sum of the deductions.' })
  deductionPoints!: number;

  firmId!: string;
  /** The deductions as frozen at finalisation; null while the month is live (loaded on demand). */
  frozenDeductions!: DeductionLine[] | null;
}

export function toAssessment(
  firmId: string,
  period: string,
  figures: AssessmentFigures,
  frozen: { finalisedAt: Date; deductions: DeductionLine[] } | null,
): Assessment {
  return Object.assign(new Assessment(), {
    period,
    score: figures.score,
    grade: figures.grade,
    finalised: frozen !== null,
    finalisedAt: frozen?.finalisedAt ?? null,
    ticketCount: figures.ticketCount,
    satisfactionRate: figures.satisfactionRate,
    responseRate: figures.responseRate,
    resolutionRate: figures.resolutionRate,
    inspectionScore: figures.inspectionScore,
    baseScore: figures.base,
    deductionPoints: figures.deductionPoints,
    firmId,
    frozenDeductions: frozen?.deductions ?? null,
  });
}
