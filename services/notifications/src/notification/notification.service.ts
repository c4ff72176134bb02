import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { NotificationCreated, recordEventsNow, type EventEnvelope } from '@linli/events';
import { badInput, checkPageSize, chunked, notFound, type Actor } from '@linli/platform';
import { addToCounters, decodeCursor, keysetPast, toPage, type Page } from '@linli/subgraph-kit';
import { createDeliveries } from '../webhook/webhook.service';
import { InboxCounterEntity, NotificationEntity, NotificationReadEntity, ReadCounterEntity } from './notification.entity';
import { inboxesOf, type Draft } from './notification.rules';

const SOURCE = 'notifications';

/**
 * Writes each draft's rows (one per recipient), their inbox counters, their
 * webhook deliveries and a `notifications.notification.created` event, in the
 * consumer's transaction: an event redelivered or replayed writes nothing twice.
 */
export function writeNotifications(em: EntityManager, source: EventEnvelope, drafts: Draft[], now: Date): Promise<NotificationEntity[]> {
  return writeNotificationsOf(em, [{ source, drafts }], now);
}

/** Rows an insert carries (10 parameters each: under either database's limit). */
const INSERT_CHUNK = 1_000;

/**
 * `writeNotifications` for many events at once (a batch handler): the rows and
 * their events in multi-row inserts, each inbox's counter moved once by its
 * rows' number, one webhook lookup.
 */
export async function writeNotificationsOf(em: EntityManager, items: readonly { source: EventEnvelope; drafts: Draft[] }[], now: Date): Promise<NotificationEntity[]> {
  const rows: NotificationEntity[] = [];
  const sourceOf = new Map<NotificationEntity, EventEnvelope>();
  for (const { source, drafts } of items) {
    for (const d of drafts) {
      for (const recipient of d.recipients) {
        const row: NotificationEntity = {
          id: randomUUID(),
          recipient,
          kind: d.kind,
          title: d.title.slice(0, 100),
          body: d.body.slice(0, 500),
          ticketId: d.ticketId,
          proposalId: d.proposalId,
          organisationId: d.organisationId,
          eventId: source.id,
          createdAt: now,
        };
        rows.push(row);
        sourceOf.set(row, source);
      }
    }
  }
  if (!rows.length) return rows;
  // Written now, not tracked by the unit of work: a batch's thousands of rows are never read back in it.
  await em.flush();
  for (const chunk of chunked(rows, INSERT_CHUNK)) await em.insertMany(NotificationEntity, chunk);
  await addToInboxes(em, rows.map((r) => r.recipient));
  await recordEventsNow(
    em,
    NotificationCreated,
    rows.map((row) => {
      const source = sourceOf.get(row)!;
      return {
        payload: {
          notificationId: row.id,
          kind: row.kind,
          recipientKind: row.recipient.startsWith('O:') ? ('ORGANISATION' as const) : ('PERSON' as const),
          recipientId: row.recipient.slice(2),
          ticketId: row.ticketId,
          proposalId: row.proposalId,
          createdAt: row.createdAt.toISOString(),
        },
        meta: { source: SOURCE, correlationId: source.correlationId ?? source.id, occurredAt: now },
      };
    }),
  );
  await createDeliveries(em, rows, now);
  return rows;
}

/** Each inbox's total moved by its new rows (the kit's counter upsert: recipient order, so concurrent writers never deadlock). */
async function addToInboxes(em: EntityManager, recipients: readonly string[]): Promise<void> {
  const added = new Map<string, number>();
  for (const r of recipients) added.set(r, (added.get(r) ?? 0) + 1);
  await addToCounters(
    em,
    InboxCounterEntity,
    [...added].map(([recipient, total]) => ({ keys: { recipient }, deltas: { total } })),
  );
}

/** `unreadCount` and `totalCount` of a caller's inboxes, from the counters: one small query per request. */
export async function inboxCounts(em: EntityManager, actor: Actor): Promise<{ total: number; unread: number }> {
  const inboxes = inboxesOf(actor);
  const [totals, reads] = await Promise.all([
    em.find(InboxCounterEntity, { recipient: { $in: inboxes } }),
    em.find(ReadCounterEntity, { personId: actor.personId, recipient: { $in: inboxes } }),
  ]);
  const total = totals.reduce((n, r) => n + r.total, 0);
  const read = reads.reduce((n, r) => n + r.readCount, 0);
  return { total, unread: Math.max(0, total - read) };
}

export interface NotificationRow {
  row: NotificationEntity;
  readAt: Date | null;
}

/** The caller's notifications, newest first, keyset-paged; `unreadOnly` leaves out what the caller has read. */
export async function myNotifications(
  em: EntityManager,
  actor: Actor,
  args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<Page<NotificationRow> & { unreadCount: number }> {
  const first = checkPageSize(args.first);
  const cursor = decodeCursor(args.after);
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(NotificationEntity, 'n')
    .where({ recipient: { $in: inboxesOf(actor) } })
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .limit(first + 1);
  if (cursor) qb.andWhere(keysetPast<NotificationEntity>(em, cursor));
  if (args.unreadOnly) {
    qb.andWhere('not exists (select 1 from notification_read r where r.person_id = ? and r.notification_id = n.id)', [actor.personId]);
  }
  const [rows, counts] = await Promise.all([qb.getResultList(), inboxCounts(em, actor)]);
  const reads = rows.length
    ? await em.find(NotificationReadEntity, { personId: actor.personId, notificationId: { $in: rows.map((r) => r.id) } })
    : [];
  const readAt = new Map(reads.map((r) => [r.notificationId, r.readAt]));
  const page = toPage(rows, first, args.unreadOnly ? counts.unread : counts.total, (row) => ({ row, readAt: readAt.get(row.id) ?? null }));
  return { ...page, unreadCount: counts.unread };
}

/** One of the caller's notifications (the gateway's live feed reads it through the graph); NOT_FOUND for anyone else's. */
export async function notificationOf(em: EntityManager, actor: Actor, id: string): Promise<NotificationRow> {
  const row = await em.findOne(NotificationEntity, { id, recipient: { $in: inboxesOf(actor) } });
  if (!row) throw notFound('Notification');
  const read = await em.findOne(NotificationReadEntity, { personId: actor.personId, notificationId: id });
  return { row, readAt: read?.readAt ?? null };
}

const MAX_IDS = 100;
const ALL_BATCH = 500;

/**
 * Marks notifications read for the caller only (its own read state, also on
 * its organisations' notifications). Ids that are not the caller's, or
 * already read, are skipped. `all` marks every unread one.
 */
export async function markRead(em: EntityManager, actor: Actor, ids: readonly string[] | null | undefined, all: boolean, now: Date): Promise<void> {
  if (!all && !ids?.length) throw badInput('ids', 'Give ids or all: true');
  if (ids && ids.length > MAX_IDS) throw badInput('ids', `At most ${MAX_IDS} ids at once`);
  const inboxes = inboxesOf(actor);
  for (;;) {
    const qb = (em as SqlEntityManager)
      .createQueryBuilder(NotificationEntity, 'n')
      .select(['id', 'recipient'])
      .where({ recipient: { $in: inboxes } })
      .andWhere('not exists (select 1 from notification_read r where r.person_id = ? and r.notification_id = n.id)', [actor.personId])
      .limit(ALL_BATCH);
    if (!all) qb.andWhere({ id: { $in: [...new Set(ids)] } });
    const unread = await qb.getResultList();
    if (!unread.length) return;
    await em.insertMany(
      NotificationReadEntity,
      unread.map((n) => ({ personId: actor.personId, notificationId: n.id, recipient: n.recipient, readAt: now })),
    );
    const perInbox = new Map<string, number>();
    for (const n of unread) perInbox.set(n.recipient, (perInbox.get(n.recipient) ?? 0) + 1);
    await addToCounters(
      em,
      ReadCounterEntity,
      [...perInbox].map(([recipient, readCount]) => ({ keys: { personId: actor.personId, recipient }, deltas: { readCount } })),
    );
    if (!all || unread.length < ALL_BATCH) return;
  }
}
