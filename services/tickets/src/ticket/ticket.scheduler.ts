import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { claimDue, startPeriodicJob, type SubgraphRuntime } from '@linli/subgraph-kit';
import { AUTO_CLOSE_AFTER_MS, overdueToAnnounce } from './ticket.due';
import { TicketEntity } from './ticket.entity';
import { recordOverdue, type EventMeta } from './ticket.events';
import { applyTransition } from './ticket.transition';

/** How often each replica runs a pass: each pass is a few indexed statements when nothing is due. */
export const SCHEDULER_INTERVAL_MS = 1_000;
/** Tag on the scheduler's claims, so operators (and the SQL-count test) can tell them apart. */
export const SCHEDULER_COMMENT = 'tickets:scheduler';

export interface SchedulerRuntime {
  name: string;
  orm: { em: EntityManager };
  now: () => Date;
  relay?: { nudge(): void };
}

export interface PassResult {
  closed: number;
  overdue: number;
}

/**
 * Claims up to `batchSize` due rows (FOR UPDATE SKIP LOCKED on PostgreSQL),
 * acts on each in the same transaction and commits; repeats while full
 * batches come back. Replicas running the same pass skip each other's rows,
 * so nothing is done twice, and what one leaves the next pass takes.
 */
async function drain(
  runtime: SchedulerRuntime,
  where: FilterQuery<TicketEntity>,
  orderBy: Record<string, 'asc'>,
  batchSize: number,
  act: (em: EntityManager, t: TicketEntity) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { claimed, done } = await runtime.orm.em.fork().transactional(async (em) => {
      const rows = await claimDue(em, TicketEntity, where, { limit: batchSize, orderBy, comments: [SCHEDULER_COMMENT] });
      let acted = 0;
      // Each row is re-checked by its rule: it may have changed since the pass began.
      for (const t of rows) acted += await act(em, t);
      return { claimed: rows.length, done: acted };
    });
    total += done;
    if (done) runtime.relay?.nudge();
    // Stop on a short batch, or when a full batch changed nothing (never spin on rows the rules refuse).
    if (claimed < batchSize || done === 0) return total;
  }
}

/** One scheduler pass at the runtime's clock: auto-close, then the overdue announcements. */
export async function runSchedulerPass(runtime: SchedulerRuntime, batchSize = 100): Promise<PassResult> {
  const now = runtime.now();
  const event: EventMeta = { source: runtime.name, correlationId: null, occurredAt: now };

  // RESOLVED for 7 days without a rating → CLOSED (AUTO_CLOSE, TicketClosed).
  const closed = await drain(
    runtime,
    { status: 'RESOLVED', resolvedAt: { $lte: new Date(now.getTime() - AUTO_CLOSE_AFTER_MS) } },
    { resolvedAt: 'asc' },
    batchSize,
    async (em, t) => {
      if (t.status !== 'RESOLVED') return 0;
      await applyTransition(em, t, { action: 'AUTO_CLOSE', at: now }, { actorId: null, note: null, event });
      return 1;
    },
  );

  // A due time passed without its step: TicketOverdue once per due time in force.
  const announce = async (em: EntityManager, t: TicketEntity) => {
    const dues = overdueToAnnounce(t, now);
    for (const due of dues) {
      // A change the incremental pull must see again (`overdue` turned true): updatedAt moves with it.
      t.updatedAt = now;
      if (due === 'RESPONSE') t.responseOverdueAnnouncedAt = now;
      else t.resolutionOverdueAnnouncedAt = now;
      recordOverdue(em, t, due, (due === 'RESPONSE' ? t.responseDueAt : t.resolutionDueAt)!, event);
    }
    return dues.length ? 1 : 0;
  };
  const responses = await drain(
    runtime,
    { status: 'DISPATCHED', responseDueAt: { $lt: now }, responseOverdueAnnouncedAt: null },
    { responseDueAt: 'asc' },
    batchSize,
    announce,
  );
  const resolutions = await drain(
    runtime,
    { status: { $in: ['DISPATCHED', 'ACCEPTED'] }, resolutionDueAt: { $lt: now }, resolutionOverdueAnnouncedAt: null },
    { resolutionDueAt: 'asc' },
    batchSize,
    announce,
  );
  return { closed, overdue: responses + resolutions };
}

/** The subgraph's background work: one periodic pass per replica. */
export function startTicketScheduler(runtime: SubgraphRuntime, intervalMs = SCHEDULER_INTERVAL_MS) {
  const job = startPeriodicJob('tickets-scheduler', intervalMs, () => runSchedulerPass(runtime), runtime.logger);
  return () => job.stop();
}
