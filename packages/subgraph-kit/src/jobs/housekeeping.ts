import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from '@linli/platform';
import { IDEMPOTENCY_TTL_MS } from '../request/idempotency';
import { startPeriodicJob } from './periodic';

/**
 * How long relayed events and processed-event marks are kept, and how often
 * the pruning pass runs (settings `OUTBOX_RETENTION_HOURS`,
 * `PROCESSED_EVENT_RETENTION_HOURS`, `HOUSEKEEPING_INTERVAL_MS`; see
 * docs/operations.md). A processed-event mark must outlive every redelivery
 * of its event: keep it longer than the stream's max age and any replay an
 * operator may run.
 */
export interface HousekeepingSettings {
  outboxRetentionMs: number;
  processedRetentionMs: number;
  intervalMs: number;
  /** Rows deleted per statement (each its own short transaction). */
  batchSize?: number;
}

const HOUR = 3_600_000;
export const DEFAULT_HOUSEKEEPING: HousekeepingSettings = { outboxRetentionMs: 7 * 24 * HOUR, processedRetentionMs: 30 * 24 * HOUR, intervalMs: 60_000, batchSize: 5_000 };

/** Tag on the pruning statements, so operators (and the SQL-count tests) can tell them apart. */
export const HOUSEKEEPING_COMMENT = 'kit:housekeeping';

export interface PruneResult {
  outbox: number;
  processed: number;
  /** Idempotency-Key rows past the contract's 24 h (a retry after that is a new request anyway). */
  idempotency: number;
}

/**
 * Deletes relayed outbox rows and processed-event marks older than their
 * retention, a batch per statement until a short batch. Replica-safe: on
 * PostgreSQL each batch claims its rows with `FOR UPDATE SKIP LOCKED`, so
 * two replicas' passes delete disjoint rows and never wait on each other
 * (a delete is idempotent anyway). Unpublished outbox rows are never pruned.
 * Idempotency-Key rows go after the contract's 24 h: not a setting, since a
 * key older than that already answers as a new request (`IDEMPOTENCY_TTL_MS`).
 */
export async function pruneEvents(em: EntityManager, now: Date, settings: HousekeepingSettings): Promise<PruneResult> {
  const batch = settings.batchSize ?? DEFAULT_HOUSEKEEPING.batchSize!;
  const lock = em.getDriver() instanceof PostgreSqlDriver ? ' for update skip locked' : '';
  const at = (ms: number) => em.getPlatform().processDateProperty(new Date(now.getTime() - ms));
  const drain = async (sql: string, cutoff: unknown): Promise<number> => {
    let total = 0;
    for (;;) {
      const r = await em.getConnection().execute<{ affectedRows?: number }>(`${sql} /* ${HOUSEKEEPING_COMMENT} */`, [cutoff, batch], 'run');
      const n = Number(r.affectedRows ?? 0);
      total += n;
      if (n < batch) return total;
    }
  };
  const outbox = await drain(
    `delete from outbox_event where seq in (select seq from outbox_event where published_at is not null and published_at < ? order by published_at limit ?${lock})`,
    at(settings.outboxRetentionMs),
  );
  const processed = await drain(
    `delete from processed_event where (consumer, event_id) in (select consumer, event_id from processed_event where processed_at < ? order by processed_at limit ?${lock})`,
    at(settings.processedRetentionMs),
  );
  const idempotency = await drain(
    `delete from idempotent_request where (caller_sub, key) in (select caller_sub, key from idempotent_request where created_at < ? order by created_at limit ?${lock})`,
    at(IDEMPOTENCY_TTL_MS),
  );
  return { outbox, processed, idempotency };
}

/** The pruning pass every subgraph runs (one per replica; passes skip each other's rows). */
export function startHousekeeping(runtime: { name: string; orm: { em: EntityManager }; logger: Logger; now: () => Date }, settings: HousekeepingSettings) {
  return startPeriodicJob(`${runtime.name}-housekeeping`, settings.intervalMs, async () => {
    const pruned = await pruneEvents(runtime.orm.em.fork(), runtime.now(), settings);
    if (pruned.outbox || pruned.processed || pruned.idempotency) runtime.logger.info({ pruned }, 'pruned relayed events, processed-event marks and expired Idempotency-Keys');
  }, runtime.logger);
}
