import { checkShare, feesOf, firstBilledMonth, isBilledMonth, paidMonths, publicFundCentsOf, rateFor } from './fee.rules';

const rates = [
  { fromMonth: '2026-03', centsPerSqmMonth: 200, publicFundShareBp: 1000 },
  { fromMonth: '2026-07', centsPerSqmMonth: 250, publicFundShareBp: 1000 },
];

describe('fees', () => {
  it('the rate in force is the latest one started', () => {
    expect(rateFor(rates, '2026-02')).toBeNull();
    expect(rateFor(rates, '2026-06')?.centsPerSqmMonth).toBe(200);
    expect(rateFor(rates, '2026-07')?.centsPerSqmMonth).toBe(250);
  });

  it('bills a month to households registered by its first day (UTC+8)', () => {
    expect(isBilledMonth(new Date('2026-04-30T16:00:00Z'), '2026-05')).toBe(true); // 05-01 00:00 CST
    expect(isBilledMonth(new Date('2026-04-30T16:00:01Z'), '2026-05')).toBe(false);
    expect(firstBilledMonth(new Date('2026-05-10T00:00:00Z'), '2026-05')).toBe('2026-06');
  });

  it('prices each month at its rate and refuses months not billed', () => {
    const h = { registeredAt: new Date('2026-01-01T00:00:00Z'), areaHundredths: 8950 };
    expect(feesOf(paidMonths('2026-06', 2), h, rates, new Map())).toEqual([17900, 22375]);
    expect(feesOf(['2026-06'], h, rates, new Map([['2026-06', 17000]]))).toEqual([17000]);
    expect(() => feesOf(['2026-02'], h, rates, new Map())).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'fromMonth' } }));
    const late = { ...h, registeredAt: new Date('2026-06-15T00:00:00Z') };
    expect(() => feesOf(['2026-06'], late, rates, new Map())).toThrow();
  });

  it('checks months and shares', () => {
    expect(paidMonths('2026-11', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(() => paidMonths('2026-11', 25)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'months' } }));
    expect(() => paidMonths('2026-13', 1)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'fromMonth' } }));
    expect(checkShare(undefined)).toBe(1000);
    expect(checkShare(0.5)).toBe(5000);
    expect(() => checkShare(0.51)).toThrow();
  });

  it('rounds the public fund share down to the cent', () => {
    expect(publicFundCentsOf(22375, 1000)).toBe(2237);
    expect(publicFundCentsOf(9, 1000)).toBe(0);
  });
});
