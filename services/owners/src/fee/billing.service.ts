import type { EntityManager } from '@mikro-orm/core';
import { addMonths, monthOf, parsePeriod } from '@linli/platform';
import { claimDue, startPeriodicJob, type SubgraphRuntime } from '@linli/subgraph-kit';
import { monthlyFeeCents } from '../register/area.rules';
import { HouseholdEntity } from '../register/household.entity';
import { FeeCompoundEntity, FeeMonthEntity, FeeRateEntity } from './fee.entity';
import { firstBilledMonth, rateFor } from './fee.rules';

/**
 * Bills every month from the compound's last billed one through `through`
 * to each household registered by the month's first day. A month paid ahead
 * already has its row: it is marked billed, its price stays what was paid.
 */
export async function billCompoundThrough(em: EntityManager, compoundId: string, through: string): Promise<void> {
  const state = await em.findOne(FeeCompoundEntity, { compoundId });
  if (!state) return;
  const rates = await em.find(FeeRateEntity, { compoundId }, { orderBy: { fromMonth: 'asc' } });
  for (let m = state.billedThrough ? addMonths(state.billedThrough, 1) : state.firstMonth; m <= through; m = addMonths(m, 1)) {
    const rate = rateFor(rates, m);
    if (!rate) continue;
    const households = await em.find(HouseholdEntity, { compoundId, registeredAt: { $lte: parsePeriod(m).start } });
    const existing = new Map((await em.find(FeeMonthEntity, { compoundId, month: m })).map((r) => [r.householdId, r]));
    for (const h of households) {
      const row = existing.get(h.id);
      if (row) row.billed = true;
      else em.create(FeeMonthEntity, { householdId: h.id, month: m, compoundId, dueCents: monthlyFeeCents(h.areaHundredths, rate.centsPerSqmMonth), billed: true, paymentId: null });
    }
  }
  if (!state.billedThrough || state.billedThrough < through) state.billedThrough = through;
}

/** A household learnt of after its compound's months were billed gets the bills of the months it was registered by. */
export async function billLateHousehold(em: EntityManager, h: HouseholdEntity): Promise<void> {
  const state = await em.findOne(FeeCompoundEntity, { compoundId: h.compoundId });
  if (!state?.billedThrough) return;
  const rates = await em.find(FeeRateEntity, { compoundId: h.compoundId }, { orderBy: { fromMonth: 'asc' } });
  const first = firstBilledMonth(h.registeredAt, monthOf(h.registeredAt));
  const existing = new Set((await em.find(FeeMonthEntity, { householdId: h.id })).map((r) => r.month));
  for (let m = first > state.firstMonth ? first : state.firstMonth; m <= state.billedThrough; m = addMonths(m, 1)) {
    const rate = rateFor(rates, m);
    if (!rate || existing.has(m)) continue;
    em.create(FeeMonthEntity, { householdId: h.id, month: m, compoundId: h.compoundId, dueCents: monthlyFeeCents(h.areaHundredths, rate.centsPerSqmMonth), billed: true, paymentId: null });
  }
}

type Runtime = Pick<SubgraphRuntime, 'orm' | 'now'>;

/** One billing pass: each compound behind the current month is claimed (SKIP LOCKED across replicas) and billed through it. */
export async function runBillingPass(runtime: Runtime, batchSize = 20): Promise<number> {
  let total = 0;
  for (;;) {
    const month = monthOf(runtime.now());
    const n = await runtime.orm.em.fork().transactional(async (em) => {
      const due = await claimDue(em, FeeCompoundEntity, { $or: [{ billedThrough: null }, { billedThrough: { $lt: month } }], firstMonth: { $lte: month } }, { limit: batchSize, orderBy: { compoundId: 'asc' } });
      for (const c of due) await billCompoundThrough(em, c.compoundId, month);
      return due.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}

/** Each pass is one indexed statement when nothing is due; a new month is billed within seconds of its start. */
export const BILLING_INTERVAL_MS = 2_000;

export function startBillingScheduler(runtime: SubgraphRuntime, intervalMs = BILLING_INTERVAL_MS) {
  const job = startPeriodicJob('owners-billing', intervalMs, () => runBillingPass(runtime), runtime.logger);
  void job.runNow();
  return () => job.stop();
}
