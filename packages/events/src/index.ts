// Public API of @linli/events: contracts, outbox, relay, idempotent consumer
// and the two transports behind one interface.
export {
  createEnvelope,
  defineEvent,
  eventsSubjectFilter,
  isEvent,
  parseEnvelope,
  subjectFor,
  type EnvelopeMeta,
  type EnvelopeOf,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
} from './contracts/envelope';
export * from './contracts/organisations';
export * from './contracts/grids';
export * from './contracts/tickets';
export * from './contracts/evaluations';
export * from './contracts/notifications';
export { EventCatalogue, findEventDefinition } from './contracts/catalogue';

export { OutboxEvent, type OutboxEventRecord } from './outbox/outbox.entity';
export { ProcessedEvent, type ProcessedEventRecord } from './processed/processed-event.entity';
export { eventEntities } from './entities';
export { recordEvent } from './outbox/record';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/relay';
export { dialectOf, type SqlDialect } from './outbox/dialect';

export {
  on,
  processEnvelope,
  startConsumer,
  type EventHandler,
  type EventHandlers,
  type ProcessOutcome,
  type StartConsumerOptions,
} from './consumer/idempotent';

export type { Delivery, DeliveryHandler, EventTransport, SubscribeOptions, Subscription, TailHandler, TailOptions } from './transport/transport';
export { NatsTransport, DlqHeaders, dlqStreamName, dlqSubjectFor, type NatsTransportOptions } from './transport/nats.transport';
export { InProcessTransport, type DeadLetter, type InProcessTransportOptions } from './transport/in-process.transport';
export { connectTransport, type TransportConfig } from './transport/connect';
