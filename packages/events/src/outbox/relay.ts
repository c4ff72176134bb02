import { LockMode, type EntityManager } from '@mikro-orm/core';
import { currentTraceparent, SpanKind, traceContextOf, withSpan, type Logger } from '@linli/platform';
import { subjectFor, type EventEnvelope } from '../contracts/envelope';
import { errorMessage, type EventTransport } from '../transport/transport';
import { dialectOf } from './dialect';
import { OutboxEvent, type OutboxEventRecord } from './outbox.entity';

export interface OutboxRelayOptions {
  /** The service's MikroORM instance (only `em` is used; each pass forks it). */
  orm: { em: EntityManager };
  transport: EventTransport;
  /** Defaults to the transport's prefix. */
  subjectPrefix?: string;
  logger: Logger;
  /** Fallback polling; services call `nudge()` after each commit, so this only bounds the worst case (default 250 ms). */
  pollIntervalMs?: number;
  /** Rows per pass and transaction (default 100). */
  batchSize?: number;
  /** Longest pause between passes while the transport keeps failing (default 5 s). */
  maxBackoffMs?: number;
}

/** First pause of a replica standing back while another publishes earlier rows; it doubles on each busy pass, up to the poll interval. */
const BUSY_RETRY_MS = 5;

interface PassResult {
  published: number;
  /** More rows may be waiting right now. */
  more: boolean;
  /** Another relay holds earlier rows: this one must wait to keep the order. */
  busy: boolean;
  error?: unknown;
}

export function envelopeOf(row: OutboxEventRecord): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    source: row.source,
    occurredAt: new Date(row.occurredAt).toISOString(),
    correlationId: row.correlationId ?? null,
    causationId: row.causationId ?? null,
    traceparent: row.traceparent ?? null,
    payload: row.payload,
  };
}

/**
 * Moves committed outbox rows to the transport, in `seq` order, and marks a
 * row published only after the transport confirmed it. A crash between the
 * two re-publishes the row later with the same id, which the stream's
 * duplicate window drops: at-least-once into the stream, once in it.
 */
export class OutboxRelay {
  private readonly em: EntityManager;
  private readonly transport: EventTransport;
  private readonly prefix: string;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly lockRows: boolean;

  private running = false;
  private loop: Promise<void> | null = null;
  private nudged = false;
  private wakeUp: (() => void) | null = null;
  private failures = 0;
  private busyPasses = 0;
  /** Passes of one relay never overlap (loop, nudges and drain share this). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(opts: OutboxRelayOptions) {
    this.em = opts.orm.em;
    this.transport = opts.transport;
    this.prefix = opts.subjectPrefix ?? opts.transport.subjectPrefix;
    this.logger = opts.logger.child({ component: 'outbox-relay' });
    this.pollIntervalMs = opts.pollIntervalMs ?? 250;
    this.batchSize = opts.batchSize ?? 100;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5_000;
    // SQLite (embedded, one process, one writer) has no row locks to take.
    this.lockRows = dialectOf(this.em) !== 'sqlite';
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the loop after the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
    await this.tail;
  }

  /** Runs a pass now instead of at the next poll; call it after committing a transaction that recorded events. */
  nudge(): void {
    this.nudged = true;
    if (this.running) {
      this.wake();
      return;
    }
    // Not started (scripts, tests): one pass in the background.
    this.exclusive(() => this.pass()).catch((err: unknown) => this.logger.error({ err: errorMessage(err) }, 'outbox pass failed'));
  }

  /**
   * Publishes everything pending now and resolves when no unpublished row is
   * left; rejects with the transport's error if a publish fails. For tests
   * and orderly shutdown.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.exclusive(() => this.pass());
      if (r.error) throw r.error;
      if (!r.more) return;
      if (Date.now() > deadline) throw new Error(`Outbox not drained within ${timeoutMs} ms`);
      if (r.busy) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      // A nudge (a commit that recorded events) started this pass, not the poll's timer.
      const woken = this.nudged;
      this.nudged = false;
      let r: PassResult;
      try {
        r = await this.exclusive(() => this.pass({ lookFirst: !woken }));
      } catch (err) {
        // The database itself failed (not the transport): retry after a pause.
        this.logger.error({ err: errorMessage(err) }, 'outbox pass failed');
        r = { published: 0, more: false, busy: false, error: err };
      }
      if (!this.running) break;
      this.failures = r.error ? this.failures + 1 : 0;
      this.busyPasses = r.busy ? this.busyPasses + 1 : 0;
      if (!r.error && !r.busy && (r.more || this.nudged)) continue;
      // Busy: another replica is publishing earlier rows and will have committed them in a moment. Nothing
      // nudges this one then, so waiting for the poll would hold its rows (committed after the other's
      // batch began) back by up to a poll interval; it looks again shortly instead, backing off if the
      // other stays busy.
      const pause = r.error
        ? Math.min(this.maxBackoffMs, this.pollIntervalMs * 2 ** this.failures)
        : r.busy
          ? Math.min(this.pollIntervalMs, BUSY_RETRY_MS * 2 ** (this.busyPasses - 1))
          : this.pollIntervalMs;
      await this.sleep(pause);
    }
  }

  /**
   * One batch in one transaction. On PostgreSQL the rows are claimed with
   * `FOR UPDATE SKIP LOCKED`, so a second relay replica never takes the same
   * batch; and a replica whose batch does not start at the oldest pending row
   * (another replica holds that one) stands back, so events leave in order.
   */
  private async pass(opts: { lookFirst?: boolean } = {}): Promise<PassResult> {
    if (!this.lockRows) return this.passUnlocked();
    // Most polls (all of an idle service's) find nothing: one read of the partial index says so, where
    // claiming takes three statements (BEGIN, the locking SELECT, COMMIT). A nudged pass has rows to take.
    if (opts.lookFirst && !(await this.anyPending())) return { published: 0, more: false, busy: false };
    return this.em.fork().transactional(async (em) => {
      const rows = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { seq: 'asc' }, limit: this.batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      if (rows.length === 0) return { published: 0, more: false, busy: false };
      const earlier = await em.count(OutboxEvent, { publishedAt: null, seq: { $lt: rows[0].seq } });
      if (earlier > 0) return { published: 0, more: true, busy: true };
      // The marks commit with the transaction.
      return this.publishInOrder(rows, async () => undefined);
    });
  }

  private async anyPending(): Promise<boolean> {
    const [row] = await this.em.fork().find(OutboxEvent, { publishedAt: null }, { fields: ['seq'], orderBy: { seq: 'asc' }, limit: 1 });
    return row !== undefined;
  }

  /**
   * SQLite (embedded mode: one process, one relay per service, one
   * connection): no transaction is held while publishing, because the
   * in-process bus resolves a publish only once every consumer has committed
   * it, and a service that consumes its own events (organisations keeps the
   * audit log) needs that one connection to do so. Rows are read, published
   * and marked one by one; a crash between a publish and its mark publishes it
   * again, which consumers drop as a duplicate.
   */
  private async passUnlocked(): Promise<PassResult> {
    const em = this.em.fork();
    const rows = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { seq: 'asc' }, limit: this.batchSize });
    if (rows.length === 0) return { published: 0, more: false, busy: false };
    return this.publishInOrder(rows, () => em.flush());
  }

  /**
   * Publishes rows in order and marks each (`settle` persists a mark where no
   * transaction commits them), stopping at the first failure: later rows must
   * not overtake it. The failure is counted on its row for the next pass.
   */
  private async publishInOrder(rows: OutboxEventRecord[], settle: () => Promise<void>): Promise<PassResult> {
    let published = 0;
    for (const row of rows) {
      try {
        await this.publish(row);
      } catch (err) {
        row.attempts += 1;
        row.lastError = errorMessage(err).slice(0, 2_000);
        await settle();
        this.logger.warn({ eventId: row.id, seq: row.seq, attempts: row.attempts, err: row.lastError }, 'publish failed; will retry');
        return { published, more: true, busy: false, error: err };
      }
      row.publishedAt = new Date();
      await settle();
      published++;
    }
    if (published) this.logger.debug({ published }, 'outbox rows published');
    return { published, more: rows.length === this.batchSize, busy: false };
  }

  /** The publish continues the trace of the request that recorded the event; the envelope carries the publish span on. */
  private publish(row: OutboxEventRecord): Promise<void> {
    const subject = subjectFor(this.prefix, row);
    return withSpan(
      `publish ${row.type}`,
      { kind: SpanKind.PRODUCER, parent: traceContextOf(row.traceparent), attributes: { 'messaging.destination.name': subject, 'messaging.message.id': row.id } },
      () => this.transport.publish(subject, { ...envelopeOf(row), traceparent: currentTraceparent() ?? row.traceparent ?? null }),
    );
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private wake(): void {
    this.wakeUp?.();
  }
}
