import type { MikroORM } from '@mikro-orm/core';
import { consumes, envelopeOf, OutboxEvent, type OutboxEventRecord } from '@linli/events';
import type { SubgraphDefinition } from '@linli/subgraph-kit';
import { consume } from './consume';

/** Outbox rows read and handed to the consumers per transaction. */
const PAGE = 5_000;

export interface Delivered {
  /** Events delivered, by type. */
  byType: Record<string, number>;
  rounds: number;
}

/**
 * What the services recorded while the seed fed them (reporters' placements,
 * notifications, rectifications, finalised assessments, proposals' votes)
 * reaches every service that consumes it, as the running stack's relays and
 * consumers would deliver it, in bulk: each service's outbox in order, a page
 * at a time, through every consuming service's handlers in one transaction
 * each (their batch handlers where they have them), then marked published.
 * Rounds until no outbox holds an unpublished event, since a delivery may
 * record more (a rectification's notification). Nothing is dropped: events
 * of a type no service consumes (a notification's, for the live feed) are
 * marked published in one statement, as the relay would publish them to a bus
 * nobody replays.
 */
export async function deliverOutboxes(
  services: readonly { def: SubgraphDefinition; orm: MikroORM }[],
  progress: (label: string, done: number, total: number) => void = () => undefined,
): Promise<Delivered> {
  const delivered: Delivered = { byType: {}, rounds: 0 };
  // Types some service handles; the rest (a notification's, for the live feed) need no page through the handlers.
  const consumed = [...new Set(services.flatMap((s) => [...Object.keys(s.def.consumers ?? {}), ...(s.def.batchConsumers ?? []).flatMap((b) => b.definitions.map((d) => d.type))]))];
  const markUnconsumed = async (orm: MikroORM) => {
    const em = orm.em.fork();
    const waiting = { publishedAt: null, type: { $nin: consumed } };
    const counts = (await em.getConnection().execute(
      `select type, count(*)::int as n from outbox_event where published_at is null and type not in (${consumed.map(() => '?').join(', ')}) group by type`,
      consumed,
    )) as { type: string; n: number }[];
    await em.nativeUpdate(OutboxEvent, waiting, { publishedAt: new Date() });
    for (const c of counts) delivered.byType[c.type] = (delivered.byType[c.type] ?? 0) + c.n;
    return counts.reduce((a, c) => a + c.n, 0);
  };
  const pending = () => Promise.all(services.map((s) => s.orm.em.fork().count(OutboxEvent, { publishedAt: null })));
  let left = await pending();
  let done = 0;
  while (left.some((n) => n > 0)) {
    delivered.rounds += 1;
    const total = done + left.reduce((a, b) => a + b, 0);
    for (const producer of services) {
      done += await markUnconsumed(producer.orm);
      for (;;) {
        const rows = (await producer.orm.em.fork().find(OutboxEvent, { publishedAt: null }, { orderBy: { seq: 'asc' }, limit: PAGE })) as OutboxEventRecord[];
        if (!rows.length) break;
        const events = rows.map(envelopeOf);
        // Each consumer's database is its own: side by side, each in its own transaction.
        await Promise.all(
          services
            .map((c) => ({ orm: c.orm, handlers: c.def.consumers ?? {}, batches: c.def.batchConsumers ?? [] }))
            .filter((c) => events.some((e) => consumes(c.handlers, c.batches, e)))
            .map((c) => consume(c.orm, c, events)),
        );
        await producer.orm.em.fork().nativeUpdate(OutboxEvent, { seq: { $in: rows.map((r) => r.seq) } }, { publishedAt: new Date() });
        for (const e of events) delivered.byType[e.type] = (delivered.byType[e.type] ?? 0) + 1;
        done += rows.length;
        // The round's total grows with what the deliveries record.
        progress('outboxes delivered', done, Math.max(done, total));
      }
    }
    left = await pending();
  }
  return delivered;
}
