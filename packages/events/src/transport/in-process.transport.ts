import type { Logger } from '@linli/platform';
import { parseEnvelope, type EventEnvelope } from '../contracts/envelope';
import { originProblem } from '../contracts/origin';
import {
  DEFAULT_MAX_DELIVER,
  errorMessage,
  redeliveryDelayMs,
  type DeadLetter,
  type DeliveryHandler,
  type EventTransport,
  type SubscribeOptions,
  type Subscription,
  type ConsumerStats,
  type TailHandler,
  type TailOptions,
} from './transport';

export interface InProcessTransportOptions {
  logger: Logger;
  subjectPrefix?: string;
  /** Window in which a re-published envelope id is dropped, like JetStream's (default 2 minutes). */
  duplicateWindowMs?: number;
  /** First redelivery delay after a handler failure; doubles per attempt (default 200 ms). */
  redeliveryBaseMs?: number;
  /** Messages kept for consumers that subscribe later, like a stream's limit (default 100 000). */
  maxRetained?: number;
}

export type { DeadLetter } from './transport';

interface StoredMessage {
  index: number;
  subject: string;
  /** Serialised like on the wire, so no service ever shares an object with another. */
  data: string;
}

interface PendingDelivery {
  message: StoredMessage;
  deliveryCount: number;
  /** Not before this time (redelivery backoff). */
  dueAt: number;
  /** Resolves (or rejects) the publish waiting for this group to commit the message. */
  settle?: { resolve: () => void; reject: (err: Error) => void };
}

/** Per durable name: one queue shared by every subscription with that name (work sharing, like a JetStream durable). */
class ConsumerGroup {
  readonly pending: PendingDelivery[] = [];
  readonly workers = new Set<Worker>();
  maxDeliver = DEFAULT_MAX_DELIVER;
  deadLetterStore?: SubscribeOptions['deadLetterStore'];
  onDeadLetter?: SubscribeOptions['onDeadLetter'];
  private wakeups = new Set<() => void>();

  constructor(readonly name: string) {}

  enqueue(d: PendingDelivery): void {
    // Kept in publish order; a message waiting for redelivery keeps its place.
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1].message.index > d.message.index) i--;
    this.pending.splice(i, 0, d);
    this.wake();
  }

  /** The first message that is due, or the time until the next one is. */
  take(now: number): PendingDelivery | number | null {
    let soonest: number | null = null;
    for (let i = 0; i < this.pending.length; i++) {
      const d = this.pending[i];
      if (d.dueAt <= now) {
        this.pending.splice(i, 1);
        return d;
      }
      soonest = soonest === null ? d.dueAt - now : Math.min(soonest, d.dueAt - now);
    }
    return soonest;
  }

  wait(ms: number | null): { promise: Promise<void>; cancel: () => void } {
    let timer: NodeJS.Timeout | undefined;
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
      if (ms !== null) timer = setTimeout(resolve, ms);
    });
    this.wakeups.add(wake);
    const cancel = () => {
      if (timer) clearTimeout(timer);
      this.wakeups.delete(wake);
      wake();
    };
    void promise.then(cancel);
    return { promise, cancel };
  }

  wake(): void {
    const all = [...this.wakeups];
    this.wakeups.clear();
    for (const w of all) w();
  }
}

/** One subscription: a loop that takes the next due message of its group, so idle workers share the load. */
class Worker implements Subscription {
  private stopped = false;
  private waiting: { cancel: () => void } | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly group: ConsumerGroup,
    private readonly deliver: (d: PendingDelivery) => Promise<void>,
    private readonly onLastStopped: () => void,
  ) {
    // Started on the next tick: delivery is always asynchronous to publish/subscribe.
    this.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run());
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const next = this.group.take(Date.now());
      if (next === null || typeof next === 'number') {
        const w = this.group.wait(next);
        this.waiting = w;
        await w.promise;
        this.waiting = null;
        continue;
      }
      await this.deliver(next);
    }
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.group.workers.delete(this);
      this.waiting?.cancel();
      if (this.group.workers.size === 0) this.onLastStopped();
      // Another worker of the group may now take what this one left.
      this.group.wake();
    }
    await this.done;
  }
}

/**
 * The event bus for embedded mode: all services in one process share one
 * instance (create it once and hand it to each). Same contract as
 * JetStream: at-least-once delivery in publish order, explicit settle per
 * message, bounded redelivery with backoff, dead letters, dedupe of envelope
 * ids within a window, and durable names that share work. It keeps nothing
 * across a restart, so durability comes from the outbox: `publish` resolves
 * only once every subscribed consumer has committed the message (or stored
 * it as a dead letter through its `deadLetterStore`), so the relay marks a
 * row published only then, and a crash before that re-publishes it.
 */
export class InProcessTransport implements EventTransport {
  readonly subjectPrefix: string;
  /** The latest dead letters (at most 1 000), for inspection and tests; the durable copy is the consumer's `deadLetterStore`. */
  readonly deadLetters: DeadLetter[] = [];
  private readonly log: StoredMessage[] = [];
  private nextIndex = 0;
  private readonly groups = new Map<string, ConsumerGroup>();
  /** envelope id → time its dedupe entry expires; insertion order = expiry order. */
  private readonly seen = new Map<string, number>();
  private readonly logger: Logger;
  private readonly duplicateWindowMs: number;
  private readonly redeliveryBaseMs: number;
  private readonly maxRetained: number;
  private closed = false;

  constructor(opts: InProcessTransportOptions) {
    this.logger = opts.logger.child({ component: 'in-process-transport' });
    this.subjectPrefix = opts.subjectPrefix ?? 'linli';
    this.duplicateWindowMs = opts.duplicateWindowMs ?? 120_000;
    this.redeliveryBaseMs = opts.redeliveryBaseMs ?? 200;
    this.maxRetained = opts.maxRetained ?? 100_000;
  }

  async publish(subject: string, envelope: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('InProcessTransport is closed');
    const now = Date.now();
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(id);
    }
    if (this.seen.has(envelope.id)) {
      this.logger.debug({ eventId: envelope.id }, 'duplicate publish dropped');
      return;
    }
    this.seen.set(envelope.id, now + this.duplicateWindowMs);
    const message: StoredMessage = { index: this.nextIndex++, subject, data: JSON.stringify(envelope) };
    this.log.push(message);
    if (this.log.length > this.maxRetained) this.log.shift();
    const settled: Promise<void>[] = [];
    for (const group of this.groups.values()) {
      if (group.workers.size === 0) continue;
      settled.push(new Promise<void>((resolve, reject) => group.enqueue({ message, deliveryCount: 1, dueAt: now, settle: { resolve, reject } })));
    }
    try {
      await Promise.all(settled);
    } catch (err) {
      // Not committed everywhere: the relay publishes it again, which must not count as a duplicate.
      this.seen.delete(envelope.id);
      throw err;
    }
    // Tails (live updates) see it once every consumer has it, asynchronously like every other delivery.
    if (this.tails.size) setImmediate(() => this.feedTails(message));
  }

  private readonly tails = new Set<TailHandler>();

  private feedTails(message: StoredMessage): void {
    const envelope = parseEnvelope(JSON.parse(message.data));
    for (const tail of this.tails) {
      try {
        tail(envelope, message.index + 1);
      } catch (err) {
        this.logger.error({ err: errorMessage(err) }, 'tail handler failed');
      }
    }
  }

  async tail(handler: TailHandler, opts: TailOptions): Promise<Subscription> {
    if (this.closed) throw new Error('InProcessTransport is closed');
    const since = opts.since.getTime();
    for (const message of this.log) {
      const envelope = parseEnvelope(JSON.parse(message.data));
      if (Date.parse(envelope.occurredAt) >= since) handler(envelope, message.index + 1);
    }
    this.tails.add(handler);
    return { stop: async () => void this.tails.delete(handler) };
  }

  async subscribe(consumer: string, handler: DeliveryHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    if (this.closed) throw new Error('InProcessTransport is closed');
    let group = this.groups.get(consumer);
    if (!group) {
      // A new durable starts at the beginning of what is retained, like deliver_policy "all".
      group = new ConsumerGroup(consumer);
      const now = Date.now();
      for (const message of this.log) group.enqueue({ message, deliveryCount: 1, dueAt: now });
      this.groups.set(consumer, group);
    }
    group.deadLetterStore = opts.deadLetterStore ?? group.deadLetterStore;
    group.onDeadLetter = opts.onDeadLetter ?? group.onDeadLetter;
    if (opts.maxDeliver !== undefined) {
      if (opts.maxDeliver < 1) throw new Error('maxDeliver must be at least 1');
      group.maxDeliver = opts.maxDeliver;
    }
    const g = group;
    const verifyOrigin = !!opts.verifyOrigin;
    const worker = new Worker(
      g,
      (d) => this.deliver(g, d, handler, verifyOrigin),
      () => {
        // Nobody left to commit what waits: its publishers learn it and keep their outbox rows.
        for (const d of g.pending.splice(0)) d.settle?.reject(new Error(`consumer ${g.name} stopped before committing the event`));
      },
    );
    group.workers.add(worker);
    return worker;
  }

  /** Resolves once every message published so far is settled (acked or dead-lettered) by every subscribed consumer; for tests. */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const busy = () => this.inFlight.size > 0 || [...this.groups.values()].some((g) => g.workers.size > 0 && g.pending.length > 0);
    while (busy()) {
      if (Date.now() > deadline) throw new Error('InProcessTransport did not become idle in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async consumerStats(consumer: string): Promise<ConsumerStats> {
    const group = this.groups.get(consumer);
    return {
      pending: group?.pending.length ?? 0,
      deadLettered: this.deadLetters.filter((d) => d.consumer === consumer).length,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tails.clear();
    await Promise.all([...this.groups.values()].flatMap((g) => [...g.workers].map((w) => w.stop())));
  }

  private readonly inFlight = new Set<PendingDelivery>();

  /** Runs the handler for one delivery and settles it: ack, redeliver later, or dead-letter. */
  private async deliver(group: ConsumerGroup, d: PendingDelivery, handler: DeliveryHandler, verifyOrigin: boolean): Promise<void> {
    this.inFlight.add(d);
    let envelope: EventEnvelope | null = null;
    try {
      envelope = parseEnvelope(JSON.parse(d.message.data));
      const forged = verifyOrigin ? originProblem(this.subjectPrefix, d.message.subject, envelope) : null;
      // A forged or misrouted message is never handled nor retried: straight to the dead letters, with the reason.
      if (forged) throw new RejectedMessage(forged);
      await handler(envelope, { deliveryCount: d.deliveryCount });
      d.settle?.resolve();
    } catch (err) {
      const log = { consumer: group.name, eventId: envelope?.id, deliveryCount: d.deliveryCount, err: errorMessage(err) };
      if (envelope && !(err instanceof RejectedMessage) && d.deliveryCount < group.maxDeliver) {
        this.logger.warn(log, 'handler failed; will be redelivered');
        group.enqueue({ ...d, deliveryCount: d.deliveryCount + 1, dueAt: Date.now() + redeliveryDelayMs(d.deliveryCount, this.redeliveryBaseMs) });
      } else {
        const letter: DeadLetter = {
          consumer: group.name,
          subject: d.message.subject,
          envelope: envelope ?? (JSON.parse(d.message.data) as EventEnvelope),
          error: errorMessage(err),
          deliveryCount: d.deliveryCount,
          at: new Date(),
        };
        try {
          await group.deadLetterStore?.(letter);
        } catch (storeErr) {
          // Not stored: keep the message rather than lose it.
          this.logger.error({ ...log, storeErr: errorMessage(storeErr) }, 'storing the dead letter failed; will retry');
          group.enqueue({ ...d, dueAt: Date.now() + redeliveryDelayMs(d.deliveryCount, this.redeliveryBaseMs) });
          return;
        }
        this.logger.error(log, 'message dead-lettered');
        this.deadLetters.push(letter);
        if (this.deadLetters.length > 1_000) this.deadLetters.shift();
        group.onDeadLetter?.({ consumer: group.name, eventId: letter.envelope.id, type: letter.envelope.type, error: letter.error });
        d.settle?.resolve();
      }
    } finally {
      this.inFlight.delete(d);
    }
  }
}

/** The origin check refused a message (subject, type and source disagree): dead-lettered at once. */
class RejectedMessage extends Error {
  constructor(reason: string) {
    super(`rejected: ${reason}`);
  }
}
