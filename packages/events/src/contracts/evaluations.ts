import { defineEvent } from './envelope';

// Contracts produced by the evaluations service: the consequences of a
// firm's assessment that other services act on.

export interface RectificationV1 {
  rectificationId: string;
  firmId: string;
  reason: 'REPEATED_BAD_RATINGS' | 'POOR_GRADE';
  issuedAt: string;
  dueAt: string;
}

export interface RectificationOverdueV1 extends RectificationV1 {
  overdueAt: string;
}

export interface AssessmentFinalisedV1 {
  firmId: string;
  /** `YYYY-MM` (UTC+8). */
  period: string;
  score: number;
  grade: 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';
}

export interface AssessmentChangedV1 {
  firmId: string;
  /** `YYYY-MM` (UTC+8). */
  period: string;
}

export const RectificationIssued = defineEvent<RectificationV1>()('evaluations.rectification.issued', 1, 'A rectification (整改) was issued to a firm.');

export const RectificationOverdue = defineEvent<RectificationOverdueV1>()(
  'evaluations.rectification.overdue',
  1,
  'A rectification was still open at its due time: the firm is recommended for replacement and its compounds go under review.',
);

export const AssessmentFinalised = defineEvent<AssessmentFinalisedV1>()('evaluations.assessment.finalised', 1, "A firm's month was frozen.");

/**
 * No figures, only which month of which firm moved: the live assessment is
 * computed from the month's counters at read time, and what reads it again
 * (the gateway's entity cache) needs to know when, not what. One per firm and
 * month per transaction that moved its counters (a seed or replay run
 * announces each month it moved once).
 */
export const AssessmentChanged = defineEvent<AssessmentChangedV1>()(
  'evaluations.assessment.changed',
  1,
  "A firm's live assessment of a month moved (its counters changed: a rating, a response, an inspection, an overdue rectification).",
);
