import type { EntityManager } from '@mikro-orm/core';
import { chunked } from '@linli/platform';
import { placeholders, sqlRows } from '@linli/subgraph-kit';
import type { FeeMonthEntity } from './fee.entity';

/** A household-month's row as written (every column of the entity). */
export type NewFeeMonth = Pick<FeeMonthEntity, 'householdId' | 'month' | 'compoundId' | 'dueCents' | 'billed' | 'paymentId' | 'paidCents'>;

/** Rows a statement carries: 7 parameters each stays under PostgreSQL's 65,535 and SQLite's 32,766. */
const CHUNK = 1000;

export const feeMonthKey = (householdId: string, month: string) => `${householdId}|${month}`;

/**
 * Inserts the months no one has written yet and answers the keys it wrote.
 * Billing and a payment ahead may both find a month without its row and
 * write it at once; the one that loses sees the other's row here (after it
 * commits) instead of failing its whole transaction, and goes on with the
 * row's conditional update, which decides under the row's lock.
 */
export async function insertFeeMonths(em: EntityManager, rows: NewFeeMonth[]): Promise<Set<string>> {
  const written = new Set<string>();
  for (const chunk of chunked(rows, CHUNK)) {
    const returned = await sqlRows<{ household_id: string; month: string }>(
      em,
      `insert into fee_month (household_id, month, compound_id, due_cents, billed, payment_id, paid_cents) values ${chunk
        .map(() => `(${placeholders(7)})`)
        .join(', ')} on conflict (household_id, month) do nothing returning household_id, month`,
      chunk.flatMap((r) => [r.householdId, r.month, r.compoundId, r.dueCents, r.billed, r.paymentId, r.paidCents]),
    );
    for (const r of returned) written.add(feeMonthKey(r.household_id, r.month));
  }
  return written;
}
