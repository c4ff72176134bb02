import { badInput } from '@linli/platform';

/** Upper bound of a menu price: 1,000,000 yuan. */
const MAX_PRICE_CENTS = 100_000_000;

/** Contract: `priceCents` is required when the item is not free, refused when it is. */
export function checkPrice(free: boolean, priceCents: number | null | undefined): number | null {
  const given = priceCents !== null && priceCents !== undefined;
  if (free) {
    if (given) throw badInput('priceCents', 'A free item has no price');
    return null;
  }
  if (!given) throw badInput('priceCents', 'priceCents is required when the item is not free');
  if (!Number.isInteger(priceCents) || priceCents < 1 || priceCents > MAX_PRICE_CENTS) {
    throw badInput('priceCents', 'priceCents must be a whole number of cents from 1 to 100,000,000');
  }
  return priceCents;
}

/**
 * The price after updateServiceItem: the item's current `free` and price
 * unless given. Becoming free drops the price; becoming paid needs one.
 */
export function updatedPrice(
  current: { free: boolean; priceCents: number | null },
  input: { free?: boolean | null; priceCents?: number | null },
): { free: boolean; priceCents: number | null } {
  const free = input.free ?? current.free;
  const givenPrice = input.priceCents !== undefined && input.priceCents !== null;
  if (input.free === undefined || input.free === null) {
    if (!givenPrice) return current;
  }
  const price = givenPrice ? input.priceCents : free ? null : current.priceCents;
  return { free, priceCents: checkPrice(free, price) };
}
