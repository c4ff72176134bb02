import { DeadLetterEvent } from './dead-letter/dead-letter.entity';
import { IdempotentRequest } from './idempotency/idempotent-request.entity';
import { OutboxEvent } from './outbox/outbox.entity';
import { ProcessedEvent } from './processed/processed-event.entity';

/**
 * The tables every service carries next to its own (add them to the ORM
 * `entities` and the migrations): the outbox, the processed-event table, and
 * the idempotency keys of mutations, the stored dead letters (embedded mode).
 */
export const eventEntities = [OutboxEvent, ProcessedEvent, IdempotentRequest, DeadLetterEvent];
