import type { EntityManager } from '@mikro-orm/core';
import { addMonths, monthOf, parsePeriod } from '@linli/platform';
import { claimDue, isPostgres, sqlRows, startPeriodicJob, type SubgraphRuntime } from '@linli/subgraph-kit';
import { monthlyFeeCents } from '../register/area.rules';
import { HouseholdEntity } from '../register/household.entity';
import { FeeCompoundEntity, FeeMonthEntity, FeeRateEntity } from './fee.entity';
import { firstBilledMonth, rateFor } from './fee.rules';
import { ensureTallies, tallyMonths, type MonthChange } from './tally.service';
import { feeMonthKey, insertFeeMonths, type NewFeeMonth } from './fee-month.store';

/**
 * Bills every month from the compound's last billed one through `through`
 * to each household registered by the month's first day. A month paid ahead
 * already has its row: it is marked billed, its price stays what was paid.
 * Every bill counts in feeCollection's tallies in the same transaction.
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
    const fresh = households
      .filter((h) => !existing.has(h.id))
      .map((h) => ({ householdId: h.id, month: m, compoundId, dueCents: monthlyFeeCents(h.areaHundredths, rate.centsPerSqmMonth), billed: true, paymentId: null, paidCents: 0 }));
    const paidAhead = households.filter((h) => existing.get(h.id)?.billed === false).map((h) => ({ householdId: h.id, compoundId, month: m }));
    await billMonths(em, fresh, paidAhead);
  }
  if (!state.billedThrough || state.billedThrough < through) state.billedThrough = through;
}

/**
 * Bills months: `fresh` ones get their rows, `paidAhead` ones (and any fresh
 * one a payment wrote meanwhile) are marked billed; all counted in the tallies.
 */
async function billMonths(em: EntityManager, fresh: NewFeeMonth[], paidAhead: MonthKey[]): Promise<void> {
  const written = await insertFeeMonths(em, fresh);
  const changes: MonthChange[] = fresh
    .filter((r) => written.has(feeMonthKey(r.householdId, r.month)))
    .map((r) => ({ householdId: r.householdId, compoundId: r.compoundId, month: r.month, billed: 1, paid: 0, dueCents: r.dueCents, collectedCents: 0 }));
  for (const k of [...paidAhead, ...fresh.filter((r) => !written.has(feeMonthKey(r.householdId, r.month)))]) {
    const change = await billPaidAhead(em, k);
    if (change) changes.push(change);
  }
  await tallyMonths(em, changes);
}

type MonthKey = Pick<NewFeeMonth, 'householdId' | 'compoundId' | 'month'>;

/** A month paid ahead becomes billed under its row's lock: a payment racing this pass is seen here, or sees it billed. */
async function billPaidAhead(em: EntityManager, { householdId, compoundId, month }: MonthKey): Promise<MonthChange | null> {
  const [was] = await sqlRows<{ payment_id: string | null; due_cents: number | string; paid_cents: number | string }>(
    em,
    'update fee_month set billed = ? where household_id = ? and month = ? and billed = ? returning payment_id, due_cents, paid_cents',
    [true, householdId, month, false],
  );
  if (!was) return null;
  return { householdId, compoundId, month, billed: 1, paid: was.payment_id ? 1 : 0, dueCents: Number(was.due_cents), collectedCents: Number(was.paid_cents) };
}

/**
 * A household learnt of after its compound's months were billed gets the
 * bills of the months it was registered by. `state`: the compound's billing
 * state as the caller already read it (null: none), for batch handlers.
 */
export async function billLateHousehold(em: EntityManager, h: HouseholdEntity, known?: { state: FeeCompoundEntity | null }): Promise<void> {
  const state = known ? known.state : await em.findOne(FeeCompoundEntity, { compoundId: h.compoundId });
  if (!state?.billedThrough) return;
  const rates = await em.find(FeeRateEntity, { compoundId: h.compoundId }, { orderBy: { fromMonth: 'asc' } });
  const first = firstBilledMonth(h.registeredAt, monthOf(h.registeredAt));
  const existing = new Set((await em.find(FeeMonthEntity, { householdId: h.id })).map((r) => r.month));
  const fresh: NewFeeMonth[] = [];
  for (let m = first > state.firstMonth ? first : state.firstMonth; m <= state.billedThrough; m = addMonths(m, 1)) {
    const rate = rateFor(rates, m);
    if (!rate || existing.has(m)) continue;
    fresh.push({ householdId: h.id, month: m, compoundId: h.compoundId, dueCents: monthlyFeeCents(h.areaHundredths, rate.centsPerSqmMonth), billed: true, paymentId: null, paidCents: 0 });
  }
  await billMonths(em, fresh, []);
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
  // PostgreSQL: the migration that added the tallies rebuilt them; an embedded database from before them gets them here, once.
  let tallied = isPostgres(runtime.orm);
  const job = startPeriodicJob(
    'owners-billing',
    intervalMs,
    async () => {
      if (!tallied && (await runtime.orm.em.fork().transactional((em) => ensureTallies(em)))) runtime.logger.info('fee tallies rebuilt from the bills');
      tallied = true;
      return runBillingPass(runtime);
    },
    runtime.logger,
  );
  void job.runNow();
  return () => job.stop();
}
