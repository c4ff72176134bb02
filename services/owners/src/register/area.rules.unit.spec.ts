import { areaSqm, monthlyFeeCents, parseArea } from './area.rules';

describe('exact areas', () => {
  it('parses the register decimal strings into hundredths', () => {
    expect(parseArea('89.50')).toBe(8950);
    expect(parseArea('89.5')).toBe(8950);
    expect(parseArea('120')).toBe(12000);
    expect(parseArea('0.01')).toBe(1);
    expect(() => parseArea('1.234')).toThrow();
    expect(() => parseArea('-3')).toThrow();
    expect(() => parseArea('1e3')).toThrow();
  });

  it('sums without drift', () => {
    const areas = Array.from({ length: 1000 }, () => parseArea('0.10'));
    expect(areaSqm(areas.reduce((a, b) => a + b, 0))).toBe(100);
  });

  it('rounds the monthly fee half up to the cent', () => {
    expect(monthlyFeeCents(8950, 250)).toBe(22375); // 89.50 m² × 2.50 = 223.75
    expect(monthlyFeeCents(8933, 155)).toBe(13846); // 138.4615 → 138.46
    expect(monthlyFeeCents(8930, 155)).toBe(13842); // 138.415 → 138.42 (half up)
    expect(monthlyFeeCents(1, 49)).toBe(0);
    expect(monthlyFeeCents(1, 50)).toBe(1);
  });
});
