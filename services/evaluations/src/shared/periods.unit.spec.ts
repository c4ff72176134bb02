import { monthsIn, parseMonth, parseRatePeriod } from './periods';

describe('periods', () => {
  it('a month, a quarter and a year are 1, 3 and 12 months', () => {
    expect(monthsIn(parseRatePeriod('2026-11'))).toEqual(['2026-11']);
    expect(monthsIn(parseRatePeriod('2026-Q4'))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsIn(parseRatePeriod('2026'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('assessments take months only', () => {
    expect(parseMonth('2026-11').key).toBe('2026-11');
    expect(() => parseMonth('2026-Q4')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'period' } }));
    expect(() => parseRatePeriod('2026-13')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'period' } }));
  });
});
