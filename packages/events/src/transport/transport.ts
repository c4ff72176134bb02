import type { EventEnvelope } from '../contracts/envelope';

export interface Delivery {
  /** 1 on first delivery; grows with each redelivery of the same message. */
  deliveryCount: number;
}

export type DeliveryHandler = (envelope: EventEnvelope, delivery: Delivery) => Promise<void>;

export interface SubscribeOptions {
  /** Handler attempts before the message is dead-lettered (default 5). */
  maxDeliver?: number;
  /** How long a delivered message may stay unacknowledged before it is redelivered (default 30 s). */
  ackWaitMs?: number;
  /** Messages pulled at a time per subscription (default 10). */
  batch?: number;
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
  /**
   * An ephemeral, ordered, unacknowledged feed of every event (no durable
   * state, nothing shared with other subscribers): what a gateway process
   * needs to push live updates. Each process gets every event.
   */
  tail(handler: TailHandler, opts: TailOptions): Promise<Subscription>;
  /** Stops every subscription and releases connections. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_DELIVER = 5;
export const DEFAULT_ACK_WAIT_MS = 30_000;
export const DEFAULT_BATCH = 10;

/** Pause before redelivery after the n-th failed attempt: exponential, capped, so a flapping dependency is not hammered. */
export function redeliveryDelayMs(deliveryCount: number, baseMs = 200, capMs = 30_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, deliveryCount - 1));
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
