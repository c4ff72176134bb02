import type { Logger } from '@linli/platform';

export interface PeriodicJob {
  /** Runs a pass now (tests, and callers who know there is work); resolves when it has finished. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs`, never two passes of one job at once in this
 * process, logging (not throwing) failures. Replica safety is the pass's own
 * business: it claims its rows with `claimDue`, so two processes running the
 * same job never act on the same row.
 */
export function startPeriodicJob(name: string, intervalMs: number, pass: () => Promise<unknown>, logger: Logger): PeriodicJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      try {
        await pass();
      } catch (err) {
        logger.error({ err, job: name }, 'periodic job failed; retrying next interval');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void run();
  }, intervalMs);
  timer.unref();
  return {
    runNow: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
