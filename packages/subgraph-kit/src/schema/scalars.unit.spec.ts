import { DateScalar, DateTimeScalar } from './scalars';

describe('contract scalars', () => {
  it('DateTime needs an offset', () => {
    expect(DateTimeScalar.parseValue('2026-11-22T09:30:00+08:00')).toEqual(new Date('2026-11-22T01:30:00Z'));
    expect(() => DateTimeScalar.parseValue('2026-11-22T09:30:00')).toThrow(/offset/);
    expect(() => DateTimeScalar.parseValue('yesterday')).toThrow();
    expect(DateTimeScalar.serialize(new Date('2026-11-22T01:30:00Z'))).toBe('2026-11-22T01:30:00.000Z');
  });

  it('Date is a real calendar date', () => {
    expect(DateScalar.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow(/calendar/);
    expect(() => DateScalar.parseValue('2026/02/01')).toThrow();
  });
});
