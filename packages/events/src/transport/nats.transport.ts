import {
  connect,
  headers as natsHeaders,
  nanos,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { Logger } from '@linli/platform';
import { eventsSubjectFilter, parseEnvelope, type EventEnvelope } from '../contracts/envelope';
import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_BATCH,
  DEFAULT_MAX_DELIVER,
  errorMessage,
  redeliveryDelayMs,
  type DeliveryHandler,
  type EventTransport,
  type SubscribeOptions,
  type Subscription,
  type TailHandler,
  type TailOptions,
} from './transport';

export interface NatsTransportOptions {
  servers: string | string[];
  /** JetStream stream holding every event (default `LINLI`). */
  streamName?: string;
  /** Subject prefix (default `linli`): the stream takes `<prefix>.events.>`. */
  subjectPrefix?: string;
  logger: Logger;
  /** Window in which a re-published envelope id is dropped by the stream (default 2 minutes). */
  duplicateWindowMs?: number;
  /** How long events stay in the stream for late or replaying consumers (default 7 days). */
  maxAgeMs?: number;
  /** How long dead letters are kept for inspection (default 30 days). */
  dlqMaxAgeMs?: number;
  /** Wait for the stream's acknowledgement of one publish attempt (default 5 s). */
  publishTimeoutMs?: number;
  /** Publish attempts, all with the same `Nats-Msg-Id`, before giving up (default 4). */
  publishAttempts?: number;
  /** First redelivery delay after a handler failure; doubles per attempt (default 200 ms). */
  redeliveryBaseMs?: number;
  /** Connection name shown by the server's monitoring. */
  connectionName?: string;
}

/** The dead-letter stream that goes with an event stream. */
export const dlqStreamName = (streamName: string) => `${streamName}_DLQ`;
/** Where a consumer's poison messages are parked: one subject per consumer, so each can be replayed on its own. */
export const dlqSubjectFor = (prefix: string, consumer: string) => `${prefix}.dlq.${consumer}`;

/** Headers of a dead-lettered message; the body is the original message, byte for byte. */
export const DlqHeaders = {
  Consumer: 'Linli-Dlq-Consumer',
  Error: 'Linli-Dlq-Error',
  DeliveryCount: 'Linli-Dlq-Delivery-Count',
  OriginalSubject: 'Linli-Dlq-Original-Subject',
  StreamSequence: 'Linli-Dlq-Stream-Sequence',
} as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/** JetStream "stream name already in use": another replica created it first. */
const STREAM_NAME_IN_USE = 10058;
/** JetStream "consumer already exists" (with a different config). */
const CONSUMER_EXISTS = [10013, 10105, 10148];

/**
 * A publish can time out after the stream stored it, or find no responder
 * while JetStream restarts or elects a leader (nats.js reports that as
 * "jetstream is not enabled"): both are retried with the same msgID, which
 * the duplicate window turns into at-most-once storage. API errors (message
 * too large, wrong expectations) will not get better by retrying.
 */
function isTransientPublishError(err: unknown): boolean {
  if (err instanceof JetStreamApiError) return err.status >= 500;
  if (err instanceof TimeoutError || err instanceof RequestError) return true;
  if (err instanceof Error && err.cause instanceof Error && err.cause !== err && isTransientPublishError(err.cause)) return true;
  return err instanceof Error && /timeout|no responders|not enabled|disconnect|reconnect/i.test(err.message);
}

/** Header values are single-line. */
const headerSafe = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 1_000);

/**
 * Event transport over NATS JetStream (distributed mode). Stream and consumer
 * setup is done here, idempotently, so a deployment needs no manual `nats`
 * commands and every replica may race to create them.
 */
export class NatsTransport implements EventTransport {
  readonly subjectPrefix: string;
  readonly streamName: string;
  readonly dlqStreamName: string;
  private readonly subscriptions = new Set<NatsSubscription>();
  private closed = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
    private readonly opts: Required<Pick<NatsTransportOptions, 'publishTimeoutMs' | 'publishAttempts' | 'redeliveryBaseMs'>> & {
      streamName: string;
      subjectPrefix: string;
    },
  ) {
    this.subjectPrefix = opts.subjectPrefix;
    this.streamName = opts.streamName;
    this.dlqStreamName = dlqStreamName(opts.streamName);
  }

  static async connect(options: NatsTransportOptions): Promise<NatsTransport> {
    const streamName = options.streamName ?? 'LINLI';
    const subjectPrefix = options.subjectPrefix ?? 'linli';
    const logger = options.logger.child({ component: 'nats-transport', stream: streamName });
    let nc: NatsConnection;
    try {
      nc = await connect({ servers: options.servers, name: options.connectionName, maxReconnectAttempts: -1, reconnectTimeWait: 1_000 });
    } catch (err) {
      throw new Error(`NATS is unreachable at ${String(options.servers)}: ${errorMessage(err)}`, { cause: err });
    }
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStream(jsm, logger, {
        name: streamName,
        subjects: [eventsSubjectFilter(subjectPrefix)],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: nanos(options.maxAgeMs ?? 7 * 24 * 3_600_000),
        duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
        num_replicas: 1,
      });
      await ensureStream(jsm, logger, {
        name: dlqStreamName(streamName),
        subjects: [`${subjectPrefix}.dlq.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: nanos(options.dlqMaxAgeMs ?? 30 * 24 * 3_600_000),
        duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
        num_replicas: 1,
      });
      return new NatsTransport(nc, jsm, jsm.jetstream(), logger, {
        streamName,
        subjectPrefix,
        publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
        publishAttempts: options.publishAttempts ?? 4,
        redeliveryBaseMs: options.redeliveryBaseMs ?? 200,
      });
    } catch (err) {
      await nc.close().catch(() => undefined);
      throw err;
    }
  }

  async publish(subject: string, envelope: EventEnvelope): Promise<void> {
    this.assertOpen();
    const data = JSON.stringify(envelope);
    for (let attempt = 1; ; attempt++) {
      try {
        // msgID = envelope id: whatever the number of attempts (or relay
        // replicas), the stream stores the event once per duplicate window.
        const ack = await this.js.publish(subject, data, { msgID: envelope.id, timeout: this.opts.publishTimeoutMs });
        if (ack.duplicate) this.logger.debug({ eventId: envelope.id, seq: ack.seq }, 'duplicate publish dropped by the stream');
        return;
      } catch (err) {
        if (attempt >= this.opts.publishAttempts || !isTransientPublishError(err)) {
          throw new Error(`Publishing ${envelope.type} ${envelope.id} to ${subject} failed after ${attempt} attempt(s): ${errorMessage(err)}`, {
            cause: err,
          });
        }
        this.logger.warn({ eventId: envelope.id, attempt, err: errorMessage(err) }, 'publish not acknowledged; retrying with the same msgID');
        await sleep(100 * 2 ** (attempt - 1));
      }
    }
  }

  async subscribe(consumer: string, handler: DeliveryHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    this.assertOpen();
    if (!/^[A-Za-z0-9_-]+$/.test(consumer)) throw new Error(`Consumer name "${consumer}" must be letters, digits, "_" or "-" (it is a JetStream durable name)`);
    const maxDeliver = opts.maxDeliver ?? DEFAULT_MAX_DELIVER;
    const ackWaitMs = opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    if (maxDeliver < 1) throw new Error('maxDeliver must be at least 1');
    await this.ensureConsumer(consumer, maxDeliver, ackWaitMs);
    const pull = await this.js.consumers.get(this.streamName, consumer);
    const messages = await pull.consume({ max_messages: opts.batch ?? DEFAULT_BATCH });
    const sub = new NatsSubscription(messages, (m) => this.process(consumer, m, handler, maxDeliver, ackWaitMs), this.logger, () =>
      this.subscriptions.delete(sub),
    );
    this.subscriptions.add(sub);
    return sub;
  }

  /**
   * An ordered consumer (ephemeral, no acks, recreated by the client after a
   * gap): this process alone reads it, from `since`. The sequence handed to
   * the handler is the stream's, the same in every process.
   */
  async tail(handler: TailHandler, opts: TailOptions): Promise<Subscription> {
    this.assertOpen();
    const consumer = await this.js.consumers.get(this.streamName, {
      filter_subjects: eventsSubjectFilter(this.subjectPrefix),
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: opts.since.toISOString(),
    });
    const messages = await consumer.consume();
    const done = (async () => {
      for await (const m of messages) {
        try {
          handler(parseEnvelope(m.json()), m.seq);
        } catch (err) {
          this.logger.warn({ err: errorMessage(err), seq: m.seq }, 'tail skipped a message');
        }
      }
    })();
    return {
      stop: async () => {
        await messages.close();
        await done;
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // drain flushes pending acks and publishes before the socket closes.
    await this.nc.drain().catch(() => this.nc.close());
  }

  /**
   * The durable pull consumer: explicit acks, every event from the start of
   * the stream, bounded redelivery. The server's max_deliver is one more than
   * the handler budget: that last delivery only dead-letters, so a message
   * whose dead-lettering failed is not silently dropped.
   */
  private async ensureConsumer(consumer: string, maxDeliver: number, ackWaitMs: number): Promise<void> {
    const desired: Partial<ConsumerConfig> = {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventsSubjectFilter(this.subjectPrefix),
      max_deliver: maxDeliver + 1,
      ack_wait: nanos(ackWaitMs),
      max_ack_pending: 1_000,
    };
    const reconcile = async () => {
      const info = await this.jsm.consumers.info(this.streamName, consumer);
      const c = info.config;
      if (c.max_deliver !== desired.max_deliver || c.ack_wait !== desired.ack_wait || c.max_ack_pending !== desired.max_ack_pending) {
        await this.jsm.consumers.update(this.streamName, consumer, {
          max_deliver: desired.max_deliver,
          ack_wait: desired.ack_wait,
          max_ack_pending: desired.max_ack_pending,
        });
        this.logger.info({ consumer, maxDeliver, ackWaitMs }, 'consumer settings updated');
      }
    };
    try {
      await reconcile();
    } catch (err) {
      if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
      try {
        await this.jsm.consumers.add(this.streamName, desired);
        this.logger.info({ consumer }, 'durable consumer created');
      } catch (addErr) {
        // A replica created it between our info and add.
        if (!(addErr instanceof JetStreamApiError && CONSUMER_EXISTS.includes(addErr.code))) throw addErr;
        await reconcile();
      }
    }
  }

  private async process(consumer: string, m: JsMsg, handler: DeliveryHandler, maxDeliver: number, ackWaitMs: number): Promise<void> {
    const deliveryCount = m.info.deliveryCount;
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(m.json());
    } catch (err) {
      // Unparseable bytes never become parseable: dead-letter on first sight.
      await this.deadLetter(consumer, m, `poison message: ${errorMessage(err)}`);
      return;
    }
    if (deliveryCount > maxDeliver) {
      await this.deadLetter(consumer, m, 'handler attempts exhausted (previous dead-lettering failed)');
      return;
    }
    // A slow handler must not be redelivered to a replica while it still runs.
    const keepAlive = setInterval(() => m.working(), Math.max(50, Math.floor(ackWaitMs / 2)));
    try {
      await handler(envelope, { deliveryCount });
      m.ack();
    } catch (err) {
      const log = { consumer, eventId: envelope.id, type: envelope.type, deliveryCount, err: errorMessage(err) };
      if (deliveryCount >= maxDeliver) {
        this.logger.error(log, 'handler failed on its last attempt; dead-lettering');
        await this.deadLetter(consumer, m, errorMessage(err));
      } else {
        this.logger.warn(log, 'handler failed; will be redelivered');
        m.nak(redeliveryDelayMs(deliveryCount, this.opts.redeliveryBaseMs));
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Copies the message to the consumer's DLQ subject, then terminates it; if the copy fails it is redelivered instead of lost. */
  private async deadLetter(consumer: string, m: JsMsg, reason: string): Promise<void> {
    const h = natsHeaders();
    h.set(DlqHeaders.Consumer, consumer);
    h.set(DlqHeaders.Error, headerSafe(reason) || 'unknown error');
    h.set(DlqHeaders.DeliveryCount, String(m.info.deliveryCount));
    h.set(DlqHeaders.OriginalSubject, m.subject);
    h.set(DlqHeaders.StreamSequence, String(m.seq));
    try {
      // The msgID makes a repeated dead-lettering of the same message (term lost) a duplicate.
      await this.js.publish(dlqSubjectFor(this.subjectPrefix, consumer), m.data, {
        headers: h,
        msgID: `${consumer}:${m.info.stream}:${m.seq}`,
        timeout: this.opts.publishTimeoutMs,
      });
      m.term();
      this.logger.error({ consumer, seq: m.seq, subject: m.subject, reason }, 'message dead-lettered');
    } catch (err) {
      this.logger.error({ consumer, seq: m.seq, err: errorMessage(err) }, 'dead-lettering failed; message will be redelivered');
      m.nak(redeliveryDelayMs(m.info.deliveryCount, this.opts.redeliveryBaseMs));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('NatsTransport is closed');
  }
}

/**
 * Creates the stream if missing, otherwise updates it to the wanted settings
 * (storage cannot change in place and is kept). Safe to run from every
 * replica at every start.
 */
async function ensureStream(jsm: JetStreamManager, logger: Logger, cfg: Partial<StreamConfig> & { name: string }): Promise<void> {
  const update = async () => {
    const info = await jsm.streams.info(cfg.name);
    const current = info.config;
    const same =
      current.subjects.join(',') === (cfg.subjects ?? []).join(',') &&
      current.duplicate_window === cfg.duplicate_window &&
      current.max_age === cfg.max_age &&
      current.discard === cfg.discard;
    if (same) return;
    await jsm.streams.update(cfg.name, { subjects: cfg.subjects, duplicate_window: cfg.duplicate_window, max_age: cfg.max_age, discard: cfg.discard });
    logger.info({ stream: cfg.name }, 'stream settings updated');
  };
  try {
    await update();
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
    try {
      await jsm.streams.add(cfg);
      logger.info({ stream: cfg.name, subjects: cfg.subjects }, 'stream created');
    } catch (addErr) {
      if (!isApiError(addErr, STREAM_NAME_IN_USE)) throw addErr;
      await update();
    }
  }
}

const HANDBACK_DELAY_MS = 250;

/** One consume loop: handles messages one at a time, in delivery order. */
class NatsSubscription implements Subscription {
  private stopping = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly messages: ConsumerMessages,
    process: (m: JsMsg) => Promise<void>,
    logger: Logger,
    onStopped: () => void,
  ) {
    this.done = (async () => {
      try {
        for await (const m of messages) {
          // Pulled but not started when stop() came: hand it back so a
          // running replica gets it soon instead of after ack_wait. The short
          // delay matters on nats-server 2.9: an immediate redelivery can go
          // to this subscription's own, now unheard, pull request.
          if (this.stopping) {
            m.nak(HANDBACK_DELAY_MS);
            continue;
          }
          try {
            await process(m);
          } catch (err) {
            // process() settles every message itself; this is a bug guard.
            logger.error({ err: errorMessage(err), seq: m.seq }, 'unexpected error while processing a message');
            m.nak(1_000);
          }
        }
      } catch (err) {
        logger.error({ err: errorMessage(err) }, 'consume loop ended with an error');
      } finally {
        onStopped();
      }
    })();
  }

  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      // Queued messages are still yielded (and handed back) before the loop ends.
      await this.messages.close();
    }
    await this.done;
  }
}
