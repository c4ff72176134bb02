import { addMonths, cstDateOf, monthOf, parsePeriod } from './periods';

describe('periods in China Standard Time (UTC+8)', () => {
  it('a month starts at local midnight, 16:00 UTC the day before', () => {
    const p = parsePeriod('2026-11');
    expect(p.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('December runs into the next year', () => {
    expect(parsePeriod('2026-12').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('quarters and years when allowed', () => {
    const q = parsePeriod('2026-Q4', ['MONTH', 'QUARTER', 'YEAR']);
    expect([q.kind, q.start.toISOString(), q.end.toISOString()]).toEqual(['QUARTER', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    const y = parsePeriod('2026', ['YEAR']);
    expect([y.start.toISOString(), y.end.toISOString()]).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });

  it.each(['2026-13', '2026-1', '2026-Q4', '2026', 'Nov 2026', ''])('refuses %p as a month', (text) => {
    expect(() => parsePeriod(text)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'period' } }));
  });

  it('places an instant in its local month and date', () => {
    // 23:30 UTC on 31 October is already 1 November in Beijing.
    expect(monthOf(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(cstDateOf(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11-01');
  });
});

describe('month arithmetic', () => {
  it('adds months across years', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-05', 24)).toBe('2028-05');
  });
});
