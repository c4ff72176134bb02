import { FlushMode, type MikroORM } from '@mikro-orm/core';
import { applyInOrder, type BatchHandler, type EventEnvelope, type EventHandlers } from '@linli/events';

/** A consuming service: the handler map its live consumer subscribes with and its batch handlers for the same events. */
export interface ConsumerHandlers {
  handlers: EventHandlers;
  batches?: readonly BatchHandler[];
}

/**
 * A batch of events through the consumer's real handlers, in one transaction,
 * in order: runs its batch handlers accept go to them (`applyInOrder`), the
 * rest one by one (types it does not consume are skipped, as its
 * subscription would).
 *
 * `flushAtCommit`: the unit of work is written once, at the commit, instead
 * of before every query that touches a type with pending rows (MikroORM's
 * default AUTO flush, which turns a batch of upserts into one INSERT per
 * event). Only for handlers whose reads within a batch are by primary key
 * (answered from the identity map) or of rows no event of the batch makes;
 * the seed's test replays the same events one per transaction and compares.
 */
export async function consume(orm: MikroORM, consumer: ConsumerHandlers, events: readonly EventEnvelope[], opts: { flushAtCommit?: boolean } = {}): Promise<void> {
  await orm.em.fork(opts.flushAtCommit ? { flushMode: FlushMode.COMMIT } : {}).transactional((tx) => applyInOrder(tx, events, consumer.handlers, consumer.batches));
}
