import { checkPrice } from './service-item.rules';

const field = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
};

describe('service menu prices (contract: priceCents required when not free, refused when free)', () => {
  it('a free item has no price', () => {
    expect(checkPrice(true, null)).toBeNull();
    expect(checkPrice(true, undefined)).toBeNull();
    expect(field(() => checkPrice(true, 500))).toEqual({ code: 'BAD_USER_INPUT', field: 'priceCents' });
  });

  it('a paid item needs a whole, positive number of cents', () => {
    expect(checkPrice(false, 3000)).toBe(3000);
    for (const bad of [null, undefined, 0, -1, 1.5, 100_000_001]) {
      expect(field(() => checkPrice(false, bad))).toEqual({ code: 'BAD_USER_INPUT', field: 'priceCents' });
    }
  });
});
