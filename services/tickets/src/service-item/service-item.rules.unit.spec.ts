import { checkPrice, updatedPrice } from './service-item.rules';

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

describe('updating an item\'s price', () => {
  const paid = { free: false, priceCents: 500 };
  const free = { free: true, priceCents: null };
  it('keeps the current price unless free or priceCents is given', () => {
    expect(updatedPrice(paid, {})).toEqual(paid);
    expect(updatedPrice(paid, { priceCents: 700 })).toEqual({ free: false, priceCents: 700 });
  });
  it('becoming free drops the price; becoming paid needs one', () => {
    expect(updatedPrice(paid, { free: true })).toEqual(free);
    expect(field(() => updatedPrice(free, { free: false }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'priceCents' });
    expect(updatedPrice(free, { free: false, priceCents: 300 })).toEqual({ free: false, priceCents: 300 });
  });
  it('refuses a price on a free item', () => {
    expect(field(() => updatedPrice(free, { priceCents: 300 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'priceCents' });
    expect(field(() => updatedPrice(paid, { free: true, priceCents: 300 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'priceCents' });
  });
});
