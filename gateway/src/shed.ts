/**
 * A subgraph over its in-flight cap answers 503 with `Retry-After` before it
 * runs anything ("nothing was done"); any other 503 (shutting down, a proxy)
 * may have run the operation and is never sent again.
 */
export const isShed = (status: number, retryAfter: string | null): boolean => status === 503 && retryAfter !== null;

/** Backoff before sending a shed fetch again: 25 ms doubling to 400 ms, with jitter so a burst spreads out. */
export function shedBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(400, 25 * 2 ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}
