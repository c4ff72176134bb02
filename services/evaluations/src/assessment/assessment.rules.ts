/**
 * The monthly assessment of a handling organisation (物业企业考核评价),
 * exactly as the contract's "Assessments of handling organisations" states
 * it. One pure function over pre-aggregated counters; every term is
 * unit-tested in assessment.rules.unit.spec.ts.
 */

export type Grade = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';
export type DeductionReason = 'BAD_RATING' | 'RECTIFICATION_OVERDUE';

/** What the formula needs of organisation F and month P. */
export interface AssessmentCounters {
  /** N: tickets dispatched to F in P, each once however often it was dispatched. */
  ticketCount: number;
  /** …accepted by F by their `responseDueAt`. */
  acceptedOnTime: number;
  /** …now RESOLVED or CLOSED whose last resolve by F came by the `resolutionDueAt` then in force. */
  resolvedOnTime: number;
  /** Ratings given in P to tickets F resolved, those of 4–5, those of 1–2. */
  ratings: number;
  goodRatings: number;
  badRatings: number;
  /** F's inspections in P and the sum of their scores. */
  inspections: number;
  inspectionScoreSum: number;
  /** F's rectifications that became overdue in P. */
  overdueRectifications: number;
}

export const EMPTY_COUNTERS: Readonly<AssessmentCounters> = Object.freeze({
  ticketCount: 0,
  acceptedOnTime: 0,
  resolvedOnTime: 0,
  ratings: 0,
  goodRatings: 0,
  badRatings: 0,
  inspections: 0,
  inspectionScoreSum: 0,
  overdueRectifications: 0,
});

/** Contract: 2 points for each bad rating given in P. */
export const BAD_RATING_POINTS = 2;
/** Contract: 5 points for each rectification of F that became overdue in P. */
export const OVERDUE_RECTIFICATION_POINTS = 5;
/** Contract: "(100 when none)". */
export const NO_INSPECTION_SCORE = 100;

export interface AssessmentFigures {
  ticketCount: number;
  responseRate: number;
  resolutionRate: number;
  satisfactionRate: number;
  inspectionScore: number;
  /** 40·satisfaction + 20·response + 20·resolution + 0.2·inspection, before deductions. */
  base: number;
  deductionPoints: number;
  /** base − deductions, clamped to 0–100, rounded to one decimal. */
  score: number;
  grade: Grade;
}

/** A share whose denominator may be 0: the contract says 1 then ("1 when N = 0", "1 when there are none"). */
export const rate = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/**
 * Rounds half up to one decimal. The small epsilon keeps a value that is
 * mathematically x.x5 but computed a hair below it (binary fractions) from
 * rounding down.
 */
export const roundToTenth = (x: number) => Math.round(x * 10 + 1e-9) / 10;

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Contract: ≥ 90 EXCELLENT, ≥ 75 GOOD, ≥ 60 FAIR, else POOR (of the rounded score, the one shown). */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'EXCELLENT';
  if (score >= 75) return 'GOOD';
  if (score >= 60) return 'FAIR';
  return 'POOR';
}

export function assess(c: AssessmentCounters): AssessmentFigures {
  const responseRate = rate(c.acceptedOnTime, c.ticketCount);
  const resolutionRate = rate(c.resolvedOnTime, c.ticketCount);
  const satisfactionRate = rate(c.goodRatings, c.ratings);
  const inspectionScore = c.inspections === 0 ? NO_INSPECTION_SCORE : c.inspectionScoreSum / c.inspections;
  // Each term multiplied before dividing (40·good/ratings, inspection/5 for 0.2·inspection) to keep binary error out of exact values.
  const base =
    (c.ratings === 0 ? 40 : (40 * c.goodRatings) / c.ratings) +
    (c.ticketCount === 0 ? 20 : (20 * c.acceptedOnTime) / c.ticketCount) +
    (c.ticketCount === 0 ? 20 : (20 * c.resolvedOnTime) / c.ticketCount) +
    inspectionScore / 5;
  const deductionPoints = BAD_RATING_POINTS * c.badRatings + OVERDUE_RECTIFICATION_POINTS * c.overdueRectifications;
  const score = roundToTenth(clamp(base - deductionPoints, 0, 100));
  return { ticketCount: c.ticketCount, responseRate, resolutionRate, satisfactionRate, inspectionScore, base, deductionPoints, score, grade: gradeOf(score) };
}

/** One line of the deductions list. */
export interface DeductionLine {
  points: number;
  reason: DeductionReason;
  at: Date;
  ticketId: string | null;
  rectificationId: string | null;
}

/** What `finaliseAssessments` stores: the figures and deductions as they were, served from then on. */
export interface FrozenAssessment extends AssessmentFigures {
  finalisedAt: string;
  deductions: { points: number; reason: DeductionReason; at: string; ticketId: string | null; rectificationId: string | null }[];
}

export function freeze(figures: AssessmentFigures, deductions: readonly DeductionLine[], at: Date): FrozenAssessment {
  return {
    ...figures,
    finalisedAt: at.toISOString(),
    deductions: deductions.map((d) => ({ ...d, at: d.at.toISOString() })),
  };
}

export function thaw(frozen: FrozenAssessment): { figures: AssessmentFigures; deductions: DeductionLine[]; finalisedAt: Date } {
  const { finalisedAt, deductions, ...figures } = frozen;
  return { figures, finalisedAt: new Date(finalisedAt), deductions: deductions.map((d) => ({ ...d, at: new Date(d.at) })) };
}
