/** A small deterministic PRNG (LCG): a failing delivery order is reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Delivers a history as a bus may: every event once and some twice, in a
 * random order. An event whose handler throws (it arrived before what it
 * depends on) is delivered again after the others, as the consumer's
 * redelivery does; one still failing after `maxRounds` passes fails the test.
 */
export async function deliverScrambled<E>(
  events: readonly E[],
  apply: (e: E) => Promise<void>,
  random: () => number,
  opts: { duplicateRate?: number; maxRounds?: number } = {},
): Promise<void> {
  let queue = [...events, ...events.filter(() => random() < (opts.duplicateRate ?? 0.33))];
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  for (let round = 0; queue.length; round++) {
    const failed: { event: E; err: unknown }[] = [];
    for (const event of queue) await apply(event).catch((err: unknown) => failed.push({ event, err }));
    if (failed.length && round + 1 >= (opts.maxRounds ?? 10)) throw failed[0].err;
    queue = failed.map((f) => f.event);
  }
}

/**
 * The `occurredAt` a producer with several replicas stamps on its successive
 * changes: mostly `stepMs` after the one before, but about a quarter in the
 * same millisecond as it and a fifth up to `skewMs` (8 steps by default) earlier (a replica whose
 * clock lags). So only the producer's change number orders a history; a copy
 * ordering by `occurredAt` applies some of its changes out of order.
 */
export function producerClock(random: () => number, startMs: number, stepMs: number, skewMs = 8 * stepMs): () => string {
  let last = startMs;
  let trueNow = startMs;
  return () => {
    trueNow += stepMs;
    const r = random();
    if (r < 0.25) return new Date(last).toISOString();
    last = r < 0.45 ? trueNow - 1 - Math.floor(random() * skewMs) : trueNow;
    return new Date(last).toISOString();
  };
}
