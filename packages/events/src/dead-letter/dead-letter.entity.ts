import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * A dead letter kept in the consumer's own database: the in-process bus
 * (embedded mode) has no dead-letter stream, and a dead letter held in memory
 * would die with the process. `npm run events -- replay --dlq` reads these
 * (embedded) or the `<stream>_DLQ` stream (distributed) and sets `replayedAt`.
 */
export interface DeadLetterRecord {
  [OptionalProps]?: 'seq' | 'replayedAt';
  seq: number;
  consumer: string;
  subject: string;
  eventId: string;
  type: string;
  /** The envelope as it was delivered. */
  envelope: unknown;
  error: string;
  deliveryCount: number;
  at: Date;
  replayedAt: Date | null;
}

export const DeadLetterEvent = new EntitySchema<DeadLetterRecord>({
  name: 'DeadLetterEvent',
  tableName: 'dead_letter',
  properties: {
    seq: { type: 'integer', primary: true, autoincrement: true },
    consumer: { type: 'string', length: 100 },
    subject: { type: 'string', length: 300 },
    eventId: { type: 'uuid', index: true },
    type: { type: 'string', length: 200 },
    envelope: { type: 'json' },
    error: { type: 'text' },
    deliveryCount: { type: 'integer' },
    at: { type: 'datetime', length: 3 },
    replayedAt: { type: 'datetime', length: 3, nullable: true, default: null },
  },
});
