import { FlushMode, type MikroORM } from '@mikro-orm/core';
import type { EventEnvelope, EventHandlers } from '@linli/events';

/**
 * A batch of events through the consumer's real handlers, in one transaction,
 * in order (types it does not consume are skipped, as its subscription would).
 *
 * `flushAtCommit`: the unit of work is written once, at the commit, instead
 * of before every query that touches a type with pending rows (MikroORM's
 * default AUTO flush, which turns a batch of upserts into one INSERT per
 * event). Only for handlers whose reads within a batch are by primary key
 * (answered from the identity map) or of rows no event of the batch makes;
 * the seed's test replays the same events one per transaction and compares.
 */
export async function consume(orm: MikroORM, handlers: EventHandlers, events: readonly EventEnvelope[], opts: { flushAtCommit?: boolean } = {}): Promise<void> {
  await orm.em.fork(opts.flushAtCommit ? { flushMode: FlushMode.COMMIT } : {}).transactional(async (tx) => {
    for (const e of events) await handlers[e.type]?.(tx, e);
  });
}
