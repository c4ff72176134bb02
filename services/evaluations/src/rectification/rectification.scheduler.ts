import { startPeriodicJob, type SubgraphRuntime } from '@linli/subgraph-kit';
import { markOverdueRectifications } from './rectification.service';

/** How often the overdue pass runs: a rectification turns OVERDUE at most this long after its due time. */
export const OVERDUE_SCAN_MS = 1_000;

/** Background job of the subgraph: marks open rectifications OVERDUE at their due time (safe with replicas: claimDue). */
export function startOverdueScheduler(runtime: SubgraphRuntime): () => Promise<void> {
  const job = startPeriodicJob(
    'rectification-overdue',
    OVERDUE_SCAN_MS,
    async () => {
      const marked = await markOverdueRectifications(runtime.orm.em.fork(), runtime.now());
      if (marked) runtime.relay.nudge();
    },
    runtime.logger,
  );
  return () => job.stop();
}
