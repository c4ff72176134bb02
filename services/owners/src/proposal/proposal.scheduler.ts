import { claimDue, startPeriodicJob, type SubgraphRuntime } from '@linli/subgraph-kit';
import { compoundAccess } from '../territory/compound.access';
import { ProposalEntity } from './proposal.entity';
import { decide } from './proposal.service';

export const CLOSING_INTERVAL_MS = 1_000;

type Runtime = Pick<SubgraphRuntime, 'name' | 'orm' | 'now'> & { relay?: { nudge(): void } };

/**
 * Closes every vote whose `votingClosesAt` has come. Rows are claimed FOR
 * UPDATE SKIP LOCKED, so replicas never close one vote twice, and a closing
 * by hand (which locks the row too) and the scheduler never both decide it:
 * whoever comes second sees it decided and leaves it.
 */
export async function closeDueVotes(runtime: Runtime, batchSize = 50): Promise<number> {
  let total = 0;
  for (;;) {
    const now = runtime.now();
    const { claimed, closed } = await runtime.orm.em.fork().transactional(async (em) => {
      const rows = await claimDue(em, ProposalEntity, { status: 'VOTING', votingClosesAt: { $lte: now } }, { limit: batchSize, orderBy: { votingClosesAt: 'asc' } });
      let n = 0;
      for (const p of rows) {
        if (p.status !== 'VOTING') continue;
        await decide(em, p, await compoundAccess(em, p.compoundId), now, { source: runtime.name, correlationId: null, occurredAt: now });
        n++;
      }
      return { claimed: rows.length, closed: n };
    });
    total += closed;
    if (closed) runtime.relay?.nudge();
    if (claimed < batchSize || closed === 0) return total;
  }
}

export function startClosingScheduler(runtime: SubgraphRuntime, intervalMs = CLOSING_INTERVAL_MS) {
  const job = startPeriodicJob('owners-vote-closing', intervalMs, () => closeDueVotes(runtime), runtime.logger);
  return () => job.stop();
}
