import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * Marks an event as handled by one consumer. Inserted in the same transaction
 * as the handler's effect: the primary key makes a second handling of the
 * same event (redelivery, or two replicas racing) fail instead of applying
 * the effect twice.
 */
export interface ProcessedEventRecord {
  [OptionalProps]?: 'processedAt';
  /** The durable consumer name (normally the consuming service). */
  consumer: string;
  eventId: string;
  processedAt: Date;
}

export const ProcessedEvent = new EntitySchema<ProcessedEventRecord>({
  name: 'ProcessedEvent',
  tableName: 'processed_event',
  properties: {
    consumer: { type: 'string', length: 100, primary: true },
    eventId: { type: 'uuid', primary: true },
    processedAt: { type: 'datetime', length: 3, onCreate: () => new Date() },
  },
  // Housekeeping: marks oldest first.
  indexes: [{ name: 'processed_event_at_idx', properties: ['processedAt'] }],
});
