/**
 * Floor areas are kept exactly, as integer hundredths of a square metre
 * (the register's events carry a decimal string with at most two decimals),
 * so sums over an electorate or a district never drift as floats would.
 */
export function parseArea(text: string): number {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`Not an exact area: ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Hundredths back to square metres for the API (exact: at most two decimals). */
export const areaSqm = (hundredths: number): number => hundredths / 100;

/**
 * A household's monthly fee: area × cents per m², rounded half up to the
 * cent, in integers only (hundredths × cents / 100).
 */
export const monthlyFeeCents = (areaHundredths: number, centsPerSqmMonth: number): number =>
  Math.floor((areaHundredths * centsPerSqmMonth + 50) / 100);
