import type { EntityManager } from '@mikro-orm/core';
import { AssessmentChanged, recordEventsNow, type EnvelopeMeta } from '@linli/events';
import { addToCounters } from '@linli/subgraph-kit';
import type { AssessmentCounters } from './assessment.rules';
import { FirmMonthEntity } from './firm-month.entity';

export interface FirmMonthDelta {
  firmId: string;
  month: string;
  counters: Partial<AssessmentCounters>;
}

/**
 * The one way a firm's month counters move: the deltas added (one upsert per
 * row, summed per firm and month by the caller) and, in the same transaction,
 * `AssessmentChanged` for every month that moved. The live assessment is
 * computed from these counters at read time, so this event is what tells a
 * copy of the answer (the gateway's entity cache) to read again. `meta`
 * null: a rebuild, which announces nothing (it ends where it began).
 */
export async function addToFirmMonths(em: EntityManager, deltas: readonly FirmMonthDelta[], meta: EnvelopeMeta | null): Promise<void> {
  const moved = deltas.filter((d) => Object.values(d.counters).some((v) => v !== undefined && v !== 0));
  if (!moved.length) return;
  await addToCounters(
    em,
    FirmMonthEntity,
    moved.map((d) => ({ keys: { firmId: d.firmId, month: d.month }, deltas: d.counters })),
  );
  if (!meta) return;
  const months = new Map(moved.map((d) => [`${d.firmId}|${d.month}`, { firmId: d.firmId, period: d.month }]));
  await recordEventsNow(
    em,
    AssessmentChanged,
    [...months.values()].map((payload) => ({ payload, meta })),
  );
}
