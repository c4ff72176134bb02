import type { EventEnvelope } from '../contracts/envelope';

export interface Delivery {
  /** 1 on first delivery; grows with each redelivery of the same message. */
  deliveryCount: number;
}

export type DeliveryHandler = (envelope: EventEnvelope, delivery: Delivery) => Promise<void>;

export interface SubscribeOptions {
  /** Handler attempts before the message is dead-lettered (default 5). */
  maxDeliver?: number;
  /** How long a delivered message may stay unacknowledged before it is redelivered (default 4 s; a running handler signals progress). */
  ackWaitMs?: number;
  /** Messages pulled at a time per subscription (default 10). */
  batch?: number;
  /**
   * Dead-letter (acknowledged, never handled) any message whose subject,
   * type and source disagree or whose source is not the type's producer
   * (contracts/origin.ts). Service consumers always set it.
   */
  verifyOrigin?: boolean;
  /** Called once a message is parked in the dead-letter store (a metrics counter, an alert). */
  onDeadLetter?: (info: DeadLetterInfo) => void;
  /**
   * Durable storage of a dead letter, for a transport without a dead-letter
   * stream of its own (in-process): the message is settled only once this
   * resolves, and redelivered later if it throws.
   */
  deadLetterStore?: (letter: DeadLetter) => Promise<void>;
}

/** A message whose handler failed on every attempt. */
export interface DeadLetter {
  consumer: string;
  subject: string;
  envelope: EventEnvelope;
  error: string;
  deliveryCount: number;
  at: Date;
}

export interface DeadLetterInfo {
  consumer: string;
  eventId?: string;
  type?: string;
  error: string;
}

/** One event of a tail, with its position in the bus (stable across processes on JetStream). */
export type TailHandler = (envelope: EventEnvelope, seq: number) => void;

export interface TailOptions {
  /** Replays retained events that occurred at or after this instant, then follows new ones. */
  since: Date;
}

export interface Subscription {
  /** Stops taking messages, waits for the one in flight, and leaves the rest to other replicas. */
  stop(): Promise<void>;
}

/**
 * The event bus as services see it: JetStream in distributed mode, an
 * in-process queue in embedded mode. Both give at-least-once delivery with
 * explicit acknowledgement; exactly-once effects come from the idempotent
 * consumer on top, not from the transport.
 */
export interface EventTransport {
  /** Prefix of every subject this transport serves (`<prefix>.events.…`). */
  readonly subjectPrefix: string;
  /**
   * Resolves only once the event is durably accepted (for JetStream: the
   * stream acknowledged it). Publishing the same envelope id again within the
   * duplicate window is accepted and dropped.
   */
  publish(subject: string, envelope: EventEnvelope): Promise<void>;
  /**
   * `consumer` is a durable name: subscriptions sharing it share the work
   * (each message goes to one of them), and it resumes where it stopped. The
   * message is acknowledged when `handler` resolves; a rejection means
   * "redeliver later", up to `maxDeliver` times, then dead-letter.
   */
  subscribe(consumer: string, handler: DeliveryHandler, opts?: SubscribeOptions): Promise<Subscription>;
  /** True while events can be published and consumed (readiness); absent = always. */
  ready?(): Promise<boolean>;
  /**
   * An ephemeral, ordered, unacknowledged feed of every event (no durable
   * state, nothing shared with other subscribers): what a gateway process
   * needs to push live updates. Each process gets every event.
   */
  tail(handler: TailHandler, opts: TailOptions): Promise<Subscription>;
  /** Stops every subscription and releases connections. */
  close(): Promise<void>;
  /** For metrics: messages not yet acknowledged by a durable consumer (its lag), and how many it dead-lettered. */
  consumerStats?(consumer: string): Promise<ConsumerStats>;
}

export interface ConsumerStats {
  /** Delivered-but-unacknowledged plus not-yet-delivered messages. */
  pending: number;
  /** Messages moved to the consumer's dead-letter queue (still kept there). */
  deadLettered: number;
}

export const DEFAULT_MAX_DELIVER = 5;
/** Short, so the events of a killed consumer reach another replica (or its restart) within seconds; a running handler sends "working". */
export const DEFAULT_ACK_WAIT_MS = 4_000;
export const DEFAULT_BATCH = 10;

/** Pause before redelivery after the n-th failed attempt: exponential, capped, so a flapping dependency is not hammered. */
export function redeliveryDelayMs(deliveryCount: number, baseMs = 200, capMs = 30_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, deliveryCount - 1));
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
