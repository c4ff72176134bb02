import type { EntityClass, EntityManager, FilterQuery, RequiredEntityData } from '@mikro-orm/core';
import { changeOrderOf, supersedes } from '@linli/events';

/** The order columns every copy of another service's aggregate keeps next to the state it applied. */
export interface NewestRow {
  /** The producer's change number of the state held (null: the event carried none). */
  sequence?: number | null;
}

/**
 * Upserts a copy's row from an event carrying the aggregate's whole state:
 * created when absent, replaced only when the event is newer by the
 * producer's order (`supersedes`: its change number, else its `occurredAt`),
 * so every copy converges whatever order the bus delivers a history in.
 * Writes the order columns itself: `sequence`, and the `occurredAt` in
 * `asOfColumn` (`asOf`, or `updatedAt` where a copy named it so);
 * `createWith` holds columns only a new row gets (a tombstone's null).
 * `changed` says whether the event's state is the row's now. `held`: the
 * row as the caller already read it (null: there is none), for batch
 * handlers that read a run's rows in one query.
 */
export async function upsertNewest<T extends NewestRow>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: Partial<T>,
  e: { occurredAt: string; payload: unknown },
  values: Partial<T>,
  opts: { asOfColumn?: 'asOf' | 'updatedAt'; createWith?: Partial<T>; held?: T | null } = {},
): Promise<{ row: T; changed: boolean }> {
  const asOfColumn = opts.asOfColumn ?? 'asOf';
  const order = changeOrderOf(e);
  const state = { ...values, [asOfColumn]: order.asOf, sequence: order.sequence };
  const row = opts.held !== undefined ? opts.held : await em.findOne(entity, key as FilterQuery<T>);
  if (!row) return { row: em.create(entity, { ...key, ...opts.createWith, ...state } as unknown as RequiredEntityData<T>), changed: true };
  const held = row as T & Record<typeof asOfColumn, Date | null | undefined>;
  if (!supersedes(order, { sequence: row.sequence ?? null, asOf: held[asOfColumn] ?? null })) return { row, changed: false };
  em.assign(row, state as never);
  return { row, changed: true };
}
