import { Pool } from 'pg';
import { RECOUNT_TALLIES_SQL } from '@linli/owners';
import { serviceDatabaseUrl } from '@linli/stack';
import { countCheck, type CountCheck } from './check';
import type { FeesGenerated } from './fees';

/** The fund's two running totals, each with its ledger kind and the rows that made it. */
const FUND_TOTALS = [
  { label: 'credited', totalColumn: 'credited_cents', kind: 'CREDIT', source: 'the payments’ shares', sourceTable: 'fee_payment', sourceColumn: 'public_fund_cents' },
  { label: 'spent', totalColumn: 'spent_cents', kind: 'SPENDING', source: 'the proposals’ spending', sourceTable: 'proposal', sourceColumn: 'spent_cents' },
] as const;

/**
 * The owners' figures against what made them: the bills feeCollection
 * aggregates (paid months and cents on each household-month) against the
 * payments table, the public fund's running totals against its ledger and
 * the payments' shares, spending against the proposals it was made under
 * (never beyond an amount, no balance below zero), and, with `generated`,
 * rows and cents against the plan. Per compound, so a difference cannot hide
 * in a district sum.
 */
export async function checkFees(baseUrl: string, generated?: FeesGenerated): Promise<CountCheck> {
  const pool = new Pool({ connectionString: serviceDatabaseUrl(baseUrl, 'owners'), max: 1 });
  const one = async (sql: string) => Number(Object.values((await pool.query(sql)).rows[0])[0] ?? 0);
  const { compare, result } = countCheck();
  try {
    if (generated) {
      compare('owners fee months: planned / stored', generated.bills, await one('select count(*) from fee_month'));
      compare('owners fee payments: planned / stored', generated.payments, await one('select count(*) from fee_payment'));
      compare('owners cents paid: planned / stored', generated.paidCents, await one('select coalesce(sum(amount_cents), 0) from fee_payment'));
      compare('owners fund credits: planned / stored', `${generated.credits}:${generated.creditedCents}`, `${await one("select count(*) from public_fund_entry where kind = 'CREDIT'")}:${await one("select coalesce(sum(amount_cents), 0) from public_fund_entry where kind = 'CREDIT'")}`);
      compare('owners fund spending: planned / stored', generated.spentCents, await one("select coalesce(sum(amount_cents), 0) from public_fund_entry where kind = 'SPENDING'"));
    }
    // feeCollection's pre-aggregates: each paid month carries its price and its payment, per compound equal to the payments.
    compare('owners fee months: months paid / sum of payment months', await one('select coalesce(sum(months), 0) from fee_payment'), await one('select count(*) from fee_month where payment_id is not null'));
    compare('owners fee months: paid months not at their price, unpaid months with cents', 0, await one('select count(*) from fee_month where (payment_id is not null and paid_cents <> due_cents) or (payment_id is null and paid_cents <> 0)'));
    compare(
      'owners compounds whose collected cents differ from their payments',
      0,
      await one(`select count(*) from (select compound_id, sum(paid_cents) as s from fee_month group by 1) m
                 full join (select compound_id, sum(amount_cents) as s from fee_payment group by 1) p using (compound_id)
                 where coalesce(m.s, 0) <> coalesce(p.s, 0)`),
    );
    compare(
      'owners payments whose months differ from the months they paid',
      0,
      await one(`select count(*) from fee_payment p left join (select payment_id, count(*) as n, sum(paid_cents) as s from fee_month where payment_id is not null group by 1) m on m.payment_id = p.id
                 where m.n is distinct from p.months or m.s is distinct from p.amount_cents`),
    );
    // feeCollection reads the tallies: each equal to a recount of the bills (the service's own recount).
    compare(
      'owners fee tallies that differ from a recount of the bills',
      0,
      await one(`select count(*) from (${RECOUNT_TALLIES_SQL}) r
                 full join (select * from fee_tally where billed_households <> 0 or due_cents <> 0) k using (compound_id, period_key)
                 where r.billed_households is distinct from k.billed_households or r.paid_households is distinct from k.paid_households
                    or r.due_cents is distinct from k.due_cents or r.collected_cents is distinct from k.collected_cents`),
    );
    // The public fund: each running total = its ledger entries = what made them (the payments' shares, the proposals' spending).
    for (const f of FUND_TOTALS) {
      compare(
        `owners funds whose ${f.label} total differs from the ledger or ${f.source}`,
        0,
        await one(`select count(*) from public_fund f
                   left join (select compound_id, sum(amount_cents) as s from public_fund_entry where kind = '${f.kind}' group by 1) e using (compound_id)
                   left join (select compound_id, sum(${f.sourceColumn}) as s from ${f.sourceTable} group by 1) p using (compound_id)
                   where f.${f.totalColumn} <> coalesce(e.s, 0) or f.${f.totalColumn} <> coalesce(p.s, 0)`),
      );
    }
    compare('owners funds below zero, proposals spent beyond their amount', 0, await one('select (select count(*) from public_fund where credited_cents < spent_cents) + (select count(*) from proposal where spent_cents > coalesce(amount_cents, 0))'));
  } finally {
    await pool.end();
  }
  return result();
}
