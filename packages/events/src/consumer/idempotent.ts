import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { SpanKind, traceContextOf, withSpan, type Logger } from '@linli/platform';
import { withCause } from './cause';
import type { EventDefinition, EventEnvelope } from '../contracts/envelope';
import { ProcessedEvent } from '../processed/processed-event.entity';
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
): Promise<ProcessOutcome> {
  if (!handler) return 'ignored';
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
    });
    return 'applied';
  } catch (err) {
    if (err instanceof AlreadyProcessed) return 'duplicate';
    throw err;
  }
}

/**
 * Subscribes a service to the bus with its handlers. Events without a handler
 * are acknowledged and ignored; a handler error rolls back and lets the
 * transport redeliver (then dead-letter after `maxDeliver`).
 */
export async function startConsumer<EM extends EntityManager = EntityManager>(opts: StartConsumerOptions<EM>): Promise<Subscription> {
  const logger = opts.logger.child({ component: 'event-consumer', consumer: opts.consumer });
  return opts.transport.subscribe(
    opts.consumer,
    async (envelope, delivery) => {
      try {
        // The consumer's span continues the publisher's trace; events its handler records name this one as their cause.
        const outcome = await withSpan(
          `consume ${envelope.type}`,
          {
            kind: SpanKind.CONSUMER,
            parent: traceContextOf(envelope.traceparent),
            attributes: { 'messaging.consumer.group.name': opts.consumer, 'messaging.message.id': envelope.id, 'linli.delivery': delivery.deliveryCount },
          },
          () => withCause(envelope, () => processEnvelope(opts.orm.em, opts.consumer, envelope, opts.handlers[envelope.type])),
        );
        if (outcome !== 'ignored') logger.debug({ eventId: envelope.id, type: envelope.type, outcome, deliveryCount: delivery.deliveryCount }, 'event processed');
      } catch (err) {
        logger.warn({ eventId: envelope.id, type: envelope.type, deliveryCount: delivery.deliveryCount, err: errorMessage(err) }, 'event handler failed');
        throw err;
      }
    },
    { maxDeliver: opts.maxDeliver, ackWaitMs: opts.ackWaitMs, batch: opts.batch },
  );
}
