import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, conflict, monthOf, notFound } from '@linli/platform';
import { sqlRows, type Command } from '@linli/subgraph-kit';
import { mayRecordPayment } from '../proposal/proposal.access';
import { HouseholdEntity } from '../register/household.entity';
import { compoundAccess, permit } from '../territory/compound.access';
import { creditFund } from '../fund/fund.service';
import { FeeCompoundEntity, FeeMonthEntity, FeePaymentEntity } from './fee.entity';
import { feesOf, paidMonths, publicFundCentsOf, rateFor } from './fee.rules';
import { ratesOf } from './fee-rate.service';
import { tallyMonths, type MonthChange } from './tally.service';
import { feeMonthKey, insertFeeMonths } from './fee-month.store';

const PAID = 'A month of this payment is paid already';

/**
 * Records a household's payment for `months` months from `fromMonth`. The
 * amount must be exactly the fee of those months (as billed, or at the rate
 * in force for a month paid ahead); a month already paid is CONFLICT, also
 * when two payments race (the unique month row and a conditional update
 * decide). The public fund's share is credited in the same transaction.
 */
export async function recordFeePayment(
  em: EntityManager,
  cmd: Command,
  input: { householdId: string; fromMonth: string; months: number; amountCents: number },
): Promise<FeePaymentEntity> {
  const household = await em.findOne(HouseholdEntity, { id: input.householdId });
  if (!household) throw notFound('Household');
  const c = await compoundAccess(em, household.compoundId);
  permit(mayRecordPayment(cmd.actor, c));
  const months = paidMonths(input.fromMonth, input.months);
  if (!Number.isInteger(input.amountCents) || input.amountCents < 0) throw badInput('amountCents', 'amountCents must be a whole number of cents');
  const rows = new Map((await em.find(FeeMonthEntity, { householdId: household.id, month: { $in: months } })).map((r) => [r.month, r]));
  const rates = await ratesOf(em, household.compoundId);
  const fees = feesOf(months, household, rates, new Map([...rows].map(([m, r]) => [m, r.dueCents])));
  const due = fees.reduce((s, f) => s + f, 0);
  if (due !== input.amountCents) throw badInput('amountCents', `amountCents must equal the fee of those months (${due})`);
  if ([...rows.values()].some((r) => r.paymentId)) throw conflict(PAID);

  const share = (rateFor(rates, monthOf(cmd.now)) ?? rateFor(rates, months[0]))!.publicFundShareBp;
  const payment = em.create(FeePaymentEntity, {
    id: randomUUID(),
    householdId: household.id,
    compoundId: household.compoundId,
    fromMonth: months[0],
    months: months.length,
    amountCents: input.amountCents,
    publicFundCents: publicFundCentsOf(input.amountCents, share),
    recordedBy: cmd.actor.personId,
    receivedAt: cmd.now,
  });
  const billedThrough = (await em.findOne(FeeCompoundEntity, { compoundId: household.compoundId }))?.billedThrough ?? null;
  // The months that count in feeCollection from now: paid while billed. A month paid ahead counts once billed (billing.service.ts).
  const changes: MonthChange[] = [];
  const at = (i: number, billed: 0 | 1): MonthChange => ({
    householdId: household.id,
    compoundId: household.compoundId,
    month: months[i],
    billed,
    paid: 1,
    dueCents: billed ? fees[i] : 0,
    collectedCents: fees[i],
  });
  const billedNow = (m: string) => !!billedThrough && m <= billedThrough;
  const fresh = months.flatMap((m, i) =>
    rows.has(m) ? [] : [{ householdId: household.id, month: m, compoundId: household.compoundId, dueCents: fees[i], billed: billedNow(m), paymentId: payment.id, paidCents: fees[i] }],
  );
  const written = await insertFeeMonths(em, fresh);
  for (const [i, m] of months.entries()) {
    if (written.has(feeMonthKey(household.id, m))) {
      if (billedNow(m)) changes.push(at(i, 1));
      continue;
    }
    // A month with its row (read so, or written since by billing or another payment) is paid under the row's lock,
    // which also says whether billing has billed it meanwhile.
    const [paid] = await sqlRows<{ billed: boolean | number }>(
      em,
      'update fee_month set payment_id = ?, paid_cents = ? where household_id = ? and month = ? and payment_id is null returning billed',
      [payment.id, fees[i], household.id, m],
    );
    if (!paid) throw conflict(PAID);
    // PostgreSQL answers a boolean, SQLite 1 or 0.
    if (Number(paid.billed) === 1) changes.push(at(i, 0));
  }
  await tallyMonths(em, changes);
  if (payment.publicFundCents > 0) await creditFund(em, household.compoundId, payment.publicFundCents, payment.id, cmd.now);
  return payment;
}
