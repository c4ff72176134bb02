import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * One mutation sent with an `Idempotency-Key`: claimed in the transaction of
 * the write it guards (so the write and the claim commit together, whatever
 * the number of gateway or subgraph replicas), then completed with the answer
 * that a retry with the same key gets back. Kept 24 h per caller.
 */
export interface IdempotentRequestRecord {
  [OptionalProps]?: 'response' | 'createdAt';
  /** The caller's token subject: keys are private to their caller. */
  callerSub: string;
  key: string;
  /** SHA-256 of the subgraph request (query, variables): the same key with another body is a CONFLICT. */
  requestHash: string;
  /** The first answer's JSON body; null while it runs (or if the process died between commit and answer). */
  response: string | null;
  createdAt: Date;
}

export const IdempotentRequest = new EntitySchema<IdempotentRequestRecord>({
  name: 'IdempotentRequest',
  tableName: 'idempotent_request',
  properties: {
    callerSub: { type: 'string', length: 200, primary: true },
    key: { type: 'string', length: 200, primary: true },
    requestHash: { type: 'string', length: 64 },
    response: { type: 'text', nullable: true, default: null },
    createdAt: { type: 'datetime', length: 3, onCreate: () => new Date(), index: true },
  },
});
