import type { Logger } from '@linli/platform';
import type { SubgraphClient } from './subgraph-client';

export interface ReadinessOptions {
  /** Per-probe timeout (default 1 s). */
  timeoutMs?: number;
  /** How long an answer is reused, so load balancers polling often do not fan out (default 1 s). */
  cacheMs?: number;
}

/** `/health/ready`: true only while every subgraph is ready (its own `/health/ready`: database up, not shutting down). */
export function createReadiness(clients: () => readonly SubgraphClient[], logger: Logger, opts: ReadinessOptions = {}) {
  const timeoutMs = opts.timeoutMs ?? 1000;
  const cacheMs = opts.cacheMs ?? 1000;
  let last: { at: number; ready: boolean } | undefined;
  let pending: Promise<boolean> | undefined;

  const probe = async () => {
    const list = clients();
    const live = await Promise.all(list.map((c) => c.isReady(timeoutMs)));
    const down = list.filter((_, i) => !live[i]).map((c) => c.name);
    const ready = list.length > 0 && down.length === 0;
    if (last?.ready !== ready) {
      if (ready) logger.info('every subgraph answers: ready');
      else logger.warn({ down }, 'subgraphs not answering: not ready');
    }
    last = { at: Date.now(), ready };
    return ready;
  };

  return (): Promise<boolean> => {
    if (last && Date.now() - last.at < cacheMs) return Promise.resolve(last.ready);
    pending ??= probe().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
