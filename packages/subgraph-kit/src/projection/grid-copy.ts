import type { EntityClass, EntityManager } from '@mikro-orm/core';
import { GridCreated, GridMoved, GridRetired, GridUpdated, on, type EventEnvelope, type EventHandlers, type GridStateV1 } from '@linli/events';
import { upsertNewest } from './upsert-newest';

/** What every service's copy of a grid keeps besides its own columns. */
export interface GridCopyRow {
  id: string;
  /** The producer's `occurredAt` of the state held (orders only changes without a sequence). */
  updatedAt: Date;
  /** The grid's change number of the state held: events of one grid may arrive out of order, the newest wins. */
  sequence?: number | null;
  /** Retirement is final, whatever order the grid's events arrive in. */
  retiredAt?: Date | null;
}

/**
 * The handlers of a service's copy of the grid tree: each event carries the
 * grid's full state, upserted when it is newer than the row by the producer's
 * order (`supersedes`); a retirement also marks the row retired for good,
 * whatever order it arrives in (a tombstone an older state does not clear). `columns` picks what the service keeps.
 */
export function gridCopyHandlers<T extends GridCopyRow>(entity: EntityClass<T>, columns: (state: GridStateV1) => Partial<T>): EventHandlers {
  async function upsert(em: EntityManager, e: EventEnvelope<string, GridStateV1>): Promise<T> {
    const key = { id: e.payload.gridId } as Partial<T>;
    const { row } = await upsertNewest(em, entity, key, e, columns(e.payload), { asOfColumn: 'updatedAt', createWith: { retiredAt: null } as Partial<T> });
    return row;
  }
  return {
    ...on(GridCreated, async (em, e) => void (await upsert(em, e))),
    ...on(GridMoved, async (em, e) => void (await upsert(em, e))),
    ...on(GridUpdated, async (em, e) => void (await upsert(em, e))),
    ...on(GridRetired, async (em, e) => {
      const row = await upsert(em, e);
      row.retiredAt ??= new Date(e.payload.retiredAt);
    }),
  };
}
