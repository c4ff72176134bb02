import { assess, EMPTY_COUNTERS, gradeOf, roundToTenth, type AssessmentCounters } from './assessment.rules';

const counters = (c: Partial<AssessmentCounters>): AssessmentCounters => ({ ...EMPTY_COUNTERS, ...c });

describe('the assessment formula (contract "Assessments of handling organisations")', () => {
  it('with no tickets, ratings or inspections every rate is 1 and the inspection score 100: 100, EXCELLENT', () => {
    expect(assess(EMPTY_COUNTERS)).toEqual({
      ticketCount: 0,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      inspectionScore: 100,
      base: 100,
      deductionPoints: 0,
      score: 100,
      grade: 'EXCELLENT',
    });
  });

  it('responseRate and resolutionRate are shares of N, the tickets dispatched in the month', () => {
    const a = assess(counters({ ticketCount: 4, acceptedOnTime: 3, resolvedOnTime: 1 }));
    expect(a.responseRate).toBe(0.75);
    expect(a.resolutionRate).toBe(0.25);
    // 40·1 + 20·0.75 + 20·0.25 + 0.2·100 = 40 + 15 + 5 + 20
    expect(a.base).toBe(80);
    expect(a.score).toBe(80);
    expect(a.grade).toBe('GOOD');
  });

  it('satisfactionRate counts ratings of 4–5 among all ratings; 1 when there are none', () => {
    expect(assess(counters({ ratings: 4, goodRatings: 1 })).satisfactionRate).toBe(0.25);
    expect(assess(counters({ ratings: 0, goodRatings: 0, ticketCount: 3 })).satisfactionRate).toBe(1);
    // 40·0.25 + 20 + 20 + 20 = 70
    expect(assess(counters({ ratings: 4, goodRatings: 1 })).score).toBe(70);
  });

  it('inspectionScore is the mean of the month\'s inspection scores, weighted 0.2', () => {
    const a = assess(counters({ inspections: 2, inspectionScoreSum: 80 + 65 }));
    expect(a.inspectionScore).toBe(72.5);
    // 40 + 20 + 20 + 14.5
    expect(a.score).toBe(94.5);
  });

  it('deducts 2 points per bad rating and 5 per rectification that became overdue', () => {
    const a = assess(counters({ ratings: 3, goodRatings: 1, badRatings: 2, overdueRectifications: 1 }));
    expect(a.deductionPoints).toBe(2 * 2 + 5);
    // 40/3 + 60 = 73.333…; − 9 = 64.333… → 64.3
    expect(a.score).toBe(64.3);
    expect(a.grade).toBe('FAIR');
  });

  it('clamps to 0 when deductions exceed the base', () => {
    const a = assess(counters({ ticketCount: 2, ratings: 20, badRatings: 20, overdueRectifications: 3 }));
    // 0 + 0 + 0 + 20 − 40 − 15
    expect(a.base).toBe(20);
    expect(a.score).toBe(0);
    expect(a.grade).toBe('POOR');
  });

  it('never exceeds 100', () => {
    expect(assess(counters({ ticketCount: 5, acceptedOnTime: 5, resolvedOnTime: 5, ratings: 5, goodRatings: 5, inspections: 1, inspectionScoreSum: 100 })).score).toBe(100);
  });

  it('rounds to one decimal, half up, also where binary fractions fall a hair short', () => {
    // 0.2 · 86.25 = 17.25 exactly: 40 + 20 + 20 + 17.25 = 97.25 → 97.3
    expect(assess(counters({ inspections: 1, inspectionScoreSum: 86.25 })).score).toBe(97.3);
    // 40·(2/3) = 26.666… → 86.7
    expect(assess(counters({ ratings: 3, goodRatings: 2 })).score).toBe(86.7);
    expect(roundToTenth(1.05)).toBe(1.1);
    expect(roundToTenth(0.15)).toBe(0.2);
    expect(roundToTenth(64.34999)).toBe(64.3);
  });

  it('grades the rounded score: ≥ 90 EXCELLENT, ≥ 75 GOOD, ≥ 60 FAIR, else POOR', () => {
    expect([90, 89.9, 75, 74.9, 60, 59.9, 0].map(gradeOf)).toEqual(['EXCELLENT', 'GOOD', 'GOOD', 'FAIR', 'FAIR', 'POOR', 'POOR']);
    // 89.96 rounds to 90.0, which is EXCELLENT
    const a = assess(counters({ inspections: 1, inspectionScoreSum: 49.8 }));
    expect(a.base).toBeCloseTo(89.96, 10);
    expect(a.score).toBe(90);
    expect(a.grade).toBe('EXCELLENT');
  });
});
