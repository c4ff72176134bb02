import { readFileSync } from 'node:fs';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  headers as natsHeaders,
  nanos,
  RequestError,
  TimeoutError,
  type NatsConnection,
  type NodeConnectionOptions,
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
import { originProblem } from '../contracts/origin';
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
  type ConsumerStats,
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
  /** Copies of the stream and its DLQ in a JetStream cluster (3 in Kubernetes: R3); default 1. */
  streamReplicas?: number;
  /** Wait for the stream's acknowledgement of one publish attempt (default 5 s). */
  publishTimeoutMs?: number;
  /** Publish attempts, all with the same `Nats-Msg-Id`, before giving up (default 4). */
  publishAttempts?: number;
  /** First redelivery delay after a handler failure; doubles per attempt (default 200 ms). */
  redeliveryBaseMs?: number;
  /** Connection name shown by the server's monitoring. */
  connectionName?: string;
  /** Who this process is to the server (docs/security.md, "Event bus"); none against a server without authorization. */
  credentials?: NatsCredentials;
  /** Replies come to `<inboxPrefix>.…`; a service user may subscribe only to its own (`_INBOX_<service>`). */
  inboxPrefix?: string;
  /**
   * A reader (the gateway tailing for live updates, readerPermissions): never
   * creates or changes the streams, only waits until the event stream exists
   * (the services create it) for at most `streamWaitMs` (default 60 s).
   */
  readOnly?: boolean;
  streamWaitMs?: number;
}

/** NATS_USER/NATS_PASSWORD, NATS_CREDS (a .creds file: JWT and NKEY seed) or NATS_NKEY_SEED; NATS_TLS_* for TLS. */
export interface NatsCredentials {
  user?: string;
  password?: string;
  credsFile?: string;
  nkeySeed?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** The connection options a set of credentials stands for. */
export function natsConnectionAuth(c: NatsCredentials | undefined): Partial<NodeConnectionOptions> {
  if (!c) return {};
  const out: Partial<NodeConnectionOptions> = {};
  if (c.user) Object.assign(out, { user: c.user, pass: c.password });
  if (c.credsFile) out.authenticator = credsAuthenticator(readFileSync(c.credsFile));
  else if (c.nkeySeed) out.authenticator = nkeyAuthenticator(new TextEncoder().encode(c.nkeySeed));
  if (c.tls && (c.tls.caFile || c.tls.certFile || c.tls.keyFile)) out.tls = { ...c.tls };
  return out;
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

/** Id and type of a message's envelope when it parses, for the dead-letter callback. */
function envelopeIdentity(m: JsMsg): { eventId?: string; type?: string } {
  try {
    const e = m.json<{ id?: unknown; type?: unknown }>();
    return { eventId: typeof e.id === 'string' ? e.id : undefined, type: typeof e.type === 'string' ? e.type : undefined };
  } catch {
    return {};
  }
}

/** The envelope's trace context as NATS headers (none when tracing is off). */
function traceHeaders(envelope: EventEnvelope) {
  if (!envelope.traceparent) return undefined;
  const h = natsHeaders();
  h.set('traceparent', envelope.traceparent);
  return h;
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
  /** Failed handler runs per `consumer:stream sequence` in this process (cleared on ack or dead letter). */
  private readonly failures = new Map<string, number>();
  private closed = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
    private readonly opts: Required<Pick<NatsTransportOptions, 'publishTimeoutMs' | 'publishAttempts' | 'redeliveryBaseMs'>> & {
      streamName: string;
      subjectPrefix: string;
      /** The stream and its dead-letter stream as they must exist (re-created when found missing). */
      streams: (Partial<StreamConfig> & { name: string })[];
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
      nc = await connect({
        servers: options.servers,
        name: options.connectionName,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1_000,
        ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
        ...natsConnectionAuth(options.credentials),
      });
    } catch (err) {
      throw new Error(`NATS is unreachable at ${String(options.servers)}: ${errorMessage(err)}`, { cause: err });
    }
    try {
      const jsm = await jetstreamManager(nc);
      const streams: (Partial<StreamConfig> & { name: string })[] = [
        {
        name: streamName,
        subjects: [eventsSubjectFilter(subjectPrefix)],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: nanos(options.maxAgeMs ?? 7 * 24 * 3_600_000),
        duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
        num_replicas: options.streamReplicas ?? 1,
        },
        {
        name: dlqStreamName(streamName),
        subjects: [`${subjectPrefix}.dlq.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: nanos(options.dlqMaxAgeMs ?? 30 * 24 * 3_600_000),
        duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
        num_replicas: options.streamReplicas ?? 1,
        },
      ];
      if (options.readOnly) await awaitStream(jsm, logger, streamName, options.streamWaitMs ?? 60_000);
      else for (const cfg of streams) await ensureStream(jsm, logger, cfg);
      return new NatsTransport(nc, jsm, jsm.jetstream(), logger, {
        streams,
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
        const ack = await this.js.publish(subject, data, { msgID: envelope.id, timeout: this.opts.publishTimeoutMs, headers: traceHeaders(envelope) });
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
        // "No responders" is also what a server whose store was lost answers: the stream may need re-creating.
        await this.rebuild().catch(() => undefined);
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
    // The client keeps pulling while the stream or consumer is missing (NATS restarted without its
    // store, a consumer deleted by hand); re-creating them lets it resume on its own.
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type !== 'consumer_not_found' && status.type !== 'stream_not_found' && status.type !== 'consumer_deleted') continue;
        this.logger.warn({ consumer, status: status.type }, 'stream or consumer missing; re-creating');
        await this.rebuild(() => this.ensureConsumer(consumer, maxDeliver, ackWaitMs)).catch((err: unknown) =>
          this.logger.error({ consumer, err: errorMessage(err) }, 're-creating the stream or consumer failed; will retry'),
        );
      }
    })().catch(() => undefined);
    const sub = new NatsSubscription(messages, (m) => this.process(consumer, m, handler, maxDeliver, ackWaitMs, opts.onDeadLetter, !!opts.verifyOrigin), this.logger, () =>
      this.subscriptions.delete(sub),
    );
    this.subscriptions.add(sub);
    return sub;
  }

  /** The JetStream manager, for operator tools (dead-letter replay). */
  get manager(): JetStreamManager {
    return this.jsm;
  }

  /** Ready while connected and the stream exists (re-created here if it was lost). */
  async ready(): Promise<boolean> {
    if (this.closed || this.nc.isClosed()) return false;
    try {
      await this.jsm.streams.info(this.streamName);
      return true;
    } catch (err) {
      if (isApiError(err, JetStreamApiCodes.StreamNotFound)) await this.rebuild().catch(() => undefined);
      return false;
    }
  }

  private rebuilding: Promise<void> | null = null;

  /** Re-creates the streams (then `extra`, e.g. a durable consumer) when missing; concurrent callers share one pass. */
  private rebuild(extra?: () => Promise<void>): Promise<void> {
    this.rebuilding ??= (async () => {
      try {
        for (const cfg of this.opts.streams) await ensureStream(this.jsm, this.logger, cfg);
      } finally {
        this.rebuilding = null;
      }
    })();
    return extra ? this.rebuilding.then(extra) : this.rebuilding;
  }

  async consumerStats(consumer: string): Promise<ConsumerStats> {
    const subject = dlqSubjectFor(this.subjectPrefix, consumer);
    const [info, dlq] = await Promise.all([
      this.jsm.consumers.info(this.streamName, consumer),
      this.jsm.streams.info(this.dlqStreamName, { subjects_filter: subject }),
    ]);
    return { pending: info.num_pending + info.num_ack_pending, deadLettered: dlq.state.subjects?.[subject] ?? 0 };
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
   * the stream, unbounded redelivery on the server. The handler budget is
   * counted here, per failed handler run (`failures`), not by the server's
   * delivery count: a message pulled in a batch behind one held while the
   * database is away outlives its ack wait and is redelivered without having
   * failed, and must not be dead-lettered for it.
   */
  private async ensureConsumer(consumer: string, maxDeliver: number, ackWaitMs: number): Promise<void> {
    const desired: Partial<ConsumerConfig> = {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventsSubjectFilter(this.subjectPrefix),
      max_deliver: -1,
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

  private async process(
    consumer: string,
    m: JsMsg,
    handler: DeliveryHandler,
    maxDeliver: number,
    ackWaitMs: number,
    onDeadLetter: SubscribeOptions['onDeadLetter'],
    verifyOrigin: boolean,
  ): Promise<void> {
    const deliveryCount = m.info.deliveryCount;
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(m.json());
      // The message header is the trace context on the wire (OpenTelemetry's messaging convention).
      const traceparent = m.headers?.get('traceparent');
      if (traceparent) envelope.traceparent = traceparent;
    } catch (err) {
      // Unparseable bytes never become parseable: dead-letter on first sight.
      await this.deadLetter(consumer, m, `poison message: ${errorMessage(err)}`, onDeadLetter);
      return;
    }
    const forged = verifyOrigin ? originProblem(this.subjectPrefix, m.subject, envelope) : null;
    if (forged) {
      // Never handled, whatever the redelivery count: a forged fact stays forged.
      await this.deadLetter(consumer, m, `rejected: ${forged}`, onDeadLetter);
      return;
    }
    const key = `${consumer}:${m.seq}`;
    if ((this.failures.get(key) ?? 0) >= maxDeliver) {
      await this.deadLetter(consumer, m, 'handler attempts exhausted (previous dead-lettering failed)', onDeadLetter);
      this.failures.delete(key);
      return;
    }
    // A slow handler must not be redelivered to a replica while it still runs.
    const keepAlive = setInterval(() => m.working(), Math.max(50, Math.floor(ackWaitMs / 3)));
    try {
      await handler(envelope, { deliveryCount });
      m.ack();
      this.failures.delete(key);
    } catch (err) {
      const failed = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failed);
      const log = { consumer, eventId: envelope.id, type: envelope.type, deliveryCount, failed, err: errorMessage(err) };
      if (failed >= maxDeliver) {
        this.logger.error(log, 'handler failed on its last attempt; dead-lettering');
        await this.deadLetter(consumer, m, errorMessage(err), onDeadLetter);
      } else {
        this.logger.warn(log, 'handler failed; will be redelivered');
        m.nak(redeliveryDelayMs(failed, this.opts.redeliveryBaseMs));
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Copies the message to the consumer's DLQ subject, then terminates it; if the copy fails it is redelivered instead of lost. */
  private async deadLetter(consumer: string, m: JsMsg, reason: string, onDeadLetter?: SubscribeOptions['onDeadLetter']): Promise<void> {
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
      this.failures.delete(`${consumer}:${m.seq}`);
      this.logger.error({ consumer, seq: m.seq, subject: m.subject, reason }, 'message dead-lettered');
      onDeadLetter?.({ consumer, error: reason, ...envelopeIdentity(m) });
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
/** A reader's start: the stream exists (created by the services, which may start at the same time). */
async function awaitStream(jsm: JetStreamManager, logger: Logger, name: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await jsm.streams.info(name);
      return;
    } catch (err) {
      if (!isApiError(err, JetStreamApiCodes.StreamNotFound) || Date.now() > deadline) throw err;
      if (attempt === 0) logger.info({ stream: name }, 'waiting for the services to create the stream');
      await sleep(500);
    }
  }
}

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
