import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { SpanKind, traceContextOf, withSpan, type Logger } from '@linli/platform';
import { withCause } from './cause';
import type { EventDefinition, EventEnvelope } from '../contracts/envelope';
import { DeadLetterEvent } from '../dead-letter/dead-letter.entity';
import { ProcessedEvent } from '../processed/processed-event.entity';
import { recordedEventsIn } from '../outbox/record';
import { errorMessage, type EventTransport, type SubscribeOptions, type Subscription } from '../transport/transport';

/** Applies one event's effect with the given transactional EntityManager; it commits with the processed-event row. */
export type EventHandler<EM extends EntityManager = EntityManager> = (em: EM, envelope: EventEnvelope<string, any>) => Promise<void>;

export type EventHandlers<EM extends EntityManager = EntityManager> = Record<string, EventHandler<EM>>;

/**
 * A typed entry for a handler map: `{ ...on(OrganisationCreated, async (em, e) => …) }`.
 * The handler only sees the version it was written for; another version of
 * the same type is acknowledged and ignored until a handler for it is added.
 */
export function on<T extends string, P, EM extends EntityManager = EntityManager>(
  def: EventDefinition<T, P>,
  handler: (em: EM, envelope: EventEnvelope<T, P>) => Promise<void>,
): EventHandlers<EM> {
  return {
    [def.type]: async (em, envelope) => {
      if (envelope.version !== def.version) return;
      await handler(em, envelope as EventEnvelope<T, P>);
    },
  };
}

export interface StartConsumerOptions<EM extends EntityManager = EntityManager> extends SubscribeOptions {
  orm: { em: EM };
  transport: EventTransport;
  /** Durable consumer name, normally the consuming service's name. */
  consumer: string;
  handlers: EventHandlers<EM>;
  logger: Logger;
  /** Longest pause between two tries while the database is away (default 5 s). */
  maxTransientBackoffMs?: number;
  /** Called after a handler's transaction that recorded events committed: the service nudges its outbox relay. */
  onEventsRecorded?: () => void;
}

/** A running consumer: `waiting` is true while its database is away (readiness reports it). */
export interface ConsumerSubscription extends Subscription {
  readonly waiting: boolean;
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function databaseAnswers(em: EntityManager, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      em
        .fork()
        .getConnection()
        .execute('SELECT 1')
        .then(() => true),
      timeout,
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export type ProcessOutcome = 'applied' | 'duplicate' | 'ignored';

/** Thrown inside the transaction to roll it back when another delivery already claimed the event. */
class AlreadyProcessed extends Error {}

/**
 * Handles one envelope exactly once per consumer, as far as its database
 * effect goes: the processed-event row and the handler's changes commit in
 * one transaction, so a redelivery (lost ack, replica crash, duplicate in the
 * stream) finds the row and skips, and a failed handler leaves neither
 * behind. Exported for tests and for replay tools; `startConsumer` uses it.
 */
export async function processEnvelope<EM extends EntityManager>(
  em: EM,
  consumer: string,
  envelope: EventEnvelope,
  handler: EventHandler<EM> | undefined,
  /** Called after the commit when the handler recorded events (the service's relay can publish them now). */
  onRecorded?: () => void,
): Promise<ProcessOutcome> {
  if (!handler) return 'ignored';
  let recorded = false;
  try {
    await em.fork().transactional(async (tx) => {
      // Cheap check for the common redelivery case, without a failed INSERT.
      if (await tx.findOne(ProcessedEvent, { consumer, eventId: envelope.id })) throw new AlreadyProcessed();
      tx.create(ProcessedEvent, { consumer, eventId: envelope.id });
      try {
        // Claim first: a replica handling the same event concurrently blocks
        // on the primary key here until we commit, then fails.
        await tx.flush();
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) throw new AlreadyProcessed();
        throw err;
      }
      await handler(tx as EM, envelope);
      recorded = recordedEventsIn(tx.getTransactionContext<object>());
    });
    if (recorded) onRecorded?.();
    return 'applied';
  } catch (err) {
    if (err instanceof AlreadyProcessed) return 'duplicate';
    throw err;
  }
}

/**
 * Subscribes a service to the bus with its handlers. Events without a handler
 * are acknowledged and ignored. A failure is first told apart: when the
 * database does not answer, the failure is transient (the database or its
 * network is away): the consumer keeps the message (the transport keeps
 * signalling progress), waits with backoff and tries again until it works,
 * without spending a delivery attempt, and `waiting` is true meanwhile. Only
 * a handler that fails while the database answers spends an attempt and is
 * redelivered, then dead-lettered after `maxDeliver`.
 */
export async function startConsumer<EM extends EntityManager = EntityManager>(opts: StartConsumerOptions<EM>): Promise<ConsumerSubscription> {
  const logger = opts.logger.child({ component: 'event-consumer', consumer: opts.consumer });
  const maxBackoff = opts.maxTransientBackoffMs ?? 5_000;
  let stopping = false;
  let waiting = false;
  let wakeUp: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  const sub = await opts.transport.subscribe(
    opts.consumer,
    async (envelope, delivery) => {
      for (let tries = 0; ; tries++) {
        try {
          // The consumer's span continues the publisher's trace; events its handler records name this one as their cause.
          const outcome = await withSpan(
            `consume ${envelope.type}`,
            {
              kind: SpanKind.CONSUMER,
              parent: traceContextOf(envelope.traceparent),
              attributes: { 'messaging.consumer.group.name': opts.consumer, 'messaging.message.id': envelope.id, 'linli.delivery': delivery.deliveryCount },
            },
            () => withCause(envelope, () => processEnvelope(opts.orm.em, opts.consumer, envelope, opts.handlers[envelope.type], opts.onEventsRecorded)),
          );
          if (waiting) logger.info({ eventId: envelope.id }, 'database back; consuming again');
          waiting = false;
          if (outcome !== 'ignored') logger.debug({ eventId: envelope.id, type: envelope.type, outcome, deliveryCount: delivery.deliveryCount }, 'event processed');
          return;
        } catch (err) {
          const log = { eventId: envelope.id, type: envelope.type, deliveryCount: delivery.deliveryCount, err: errorMessage(err) };
          if (stopping || (await databaseAnswers(opts.orm.em))) {
            waiting = false;
            logger.warn(log, 'event handler failed');
            throw err;
          }
          if (!waiting) logger.warn(log, 'database unavailable; holding the event and retrying without spending a delivery attempt');
          waiting = true;
          await pause(Math.min(maxBackoff, 100 * 2 ** Math.min(tries, 10)));
        }
      }
    },
    {
      maxDeliver: opts.maxDeliver,
      ackWaitMs: opts.ackWaitMs,
      batch: opts.batch,
      // A service applies only facts stated by their producer (issue #10, hole 4).
      verifyOrigin: true,
      onDeadLetter: opts.onDeadLetter,
      // Where the transport has no dead-letter stream (in-process), the consumer's database keeps them.
      deadLetterStore: async (letter) => {
        const em = opts.orm.em.fork();
        em.create(DeadLetterEvent, {
          consumer: letter.consumer,
          subject: letter.subject,
          eventId: letter.envelope.id,
          type: letter.envelope.type,
          envelope: letter.envelope,
          error: letter.error.slice(0, 2_000),
          deliveryCount: letter.deliveryCount,
          at: letter.at,
        });
        await em.flush();
      },
    },
  );
  return {
    get waiting() {
      return waiting;
    },
    async stop() {
      stopping = true;
      (wakeUp as (() => void) | null)?.();
      await sub.stop();
    },
  };
}
