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
export * from './contracts/owners';
export { AuditRecorded, type AuditRecordedV1 } from './contracts/audit';
export * from './contracts/notifications';
export { EventCatalogue, findEventDefinition } from './contracts/catalogue';
export { originProblem, producerOf } from './contracts/origin';

export { OutboxEvent, type OutboxEventRecord } from './outbox/outbox.entity';
export { ProcessedEvent, type ProcessedEventRecord } from './processed/processed-event.entity';
export { eventEntities } from './entities';
export { DeadLetterEvent, type DeadLetterRecord } from './dead-letter/dead-letter.entity';
export { IdempotentRequest, type IdempotentRequestRecord } from './idempotency/idempotent-request.entity';
export { recordEvent, recordEventsNow } from './outbox/record';
export { envelopeOf, OutboxRelay, type OutboxRelayOptions } from './outbox/relay';
export { dialectOf, type SqlDialect } from './outbox/dialect';

export {
  databaseAnswers,
  on,
  processEnvelope,
  startConsumer,
  type EventHandler,
  type EventHandlers,
  type ProcessOutcome,
  type StartConsumerOptions,
  type ConsumerSubscription,
} from './consumer/idempotent';
export { applyInOrder, consumes, type BatchHandler } from './consumer/batch';

export type { ConsumerStats, DeadLetter, DeadLetterInfo, Delivery, DeliveryHandler, EventTransport, SubscribeOptions, Subscription, TailHandler, TailOptions } from './transport/transport';
export {
  NatsTransport,
  DlqHeaders,
  dlqStreamName,
  dlqSubjectFor,
  natsConnectionAuth,
  type NatsCredentials,
  type NatsTransportOptions,
} from './transport/nats.transport';
export {
  inboxPrefixFor,
  natsAuthorizationConfig,
  readerPermissions,
  servicePermissions,
  type AuthorizationOptions,
  type BusNames,
  type NatsPermissions,
} from './transport/nats.permissions';
export { InProcessTransport, type InProcessTransportOptions } from './transport/in-process.transport';
export { currentCause } from './consumer/cause';
export { changeOrderOf, supersedes, type ChangeOrder } from './consumer/newest';
export { connectTransport, type TransportConfig } from './transport/connect';
export { replayNatsDeadLetters, replayStoredDeadLetters, replayedSubjectFor, type ReplayedLetter } from './dead-letter/replay';
