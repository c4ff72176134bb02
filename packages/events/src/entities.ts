import { OutboxEvent } from './outbox/outbox.entity';
import { ProcessedEvent } from './processed/processed-event.entity';

/** Add these to a service's ORM `entities` (and its migrations) to get the outbox and the processed-event table. */
export const eventEntities = [OutboxEvent, ProcessedEvent];
