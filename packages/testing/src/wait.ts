export interface WaitForOptions {
  /** Give up after this long (default 5 s); keep it below jest's test timeout. */
  timeoutMs?: number;
  /** Pause between attempts (default 25 ms). */
  intervalMs?: number;
}

/**
 * Polls until `fn` passes, for effects that arrive eventually (events relayed
 * and consumed). `fn` passes when it neither throws nor returns `false`, so it
 * can be a predicate or a block of `expect`s; its value is returned. On
 * timeout the last assertion error is rethrown, so the failure says what was
 * still wrong rather than only "timed out".
 */
export async function waitFor<T>(fn: () => T | Promise<T>, opts: WaitForOptions = {}): Promise<Exclude<T, false>> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const intervalMs = opts.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await fn();
      if (value !== false) return value as Exclude<T, false>;
      lastError = null;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      if (lastError instanceof Error) {
        lastError.message = `waitFor timed out after ${timeoutMs} ms; last failure: ${lastError.message}`;
        throw lastError;
      }
      throw new Error(`waitFor timed out after ${timeoutMs} ms${lastError === null ? ' (predicate stayed false)' : `: ${String(lastError)}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
