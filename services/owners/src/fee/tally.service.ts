import type { EntityManager } from '@mikro-orm/core';
import { chunked } from '@linli/platform';
import { addToCounters, placeholders, sqlRows, sqlRun } from '@linli/subgraph-kit';
import { FeeTallyEntity } from './fee.entity';
import { compoundDelta, periodsOf } from './tally.rules';

/** A household-month's change to the tallies: it became billed, or a billed month got paid (or both at once). */
export interface MonthChange {
  householdId: string;
  compoundId: string;
  month: string;
  /** 1 when the month became billed by this change. */
  billed: 0 | 1;
  /** 1 when the month is paid and counts as such from this change on (paid now while billed, or billed now while paid ahead). */
  paid: 0 | 1;
  dueCents: number;
  collectedCents: number;
}

/** Rows per statement: the variables stay under SQLite's limit. */
const CHUNK = 400;

/**
 * Applies bills and payments to the tallies of their months, quarters and
 * years, in the caller's transaction. Each household's tally is an atomic
 * upsert that returns its new counts (so concurrent writers of one household
 * take turns on its row and each sees the other's effect); the compound's
 * tally then moves by the difference (additive, so concurrent writers of one
 * compound commute).
 */
export async function tallyMonths(em: EntityManager, changes: readonly MonthChange[]): Promise<void> {
  // One change per household and period per statement (an upsert may not touch a row twice).
  const perHousehold = new Map<string, { householdId: string; compoundId: string; key: string; billed: number; paid: number }>();
  const perCompound = new Map<string, { compoundId: string; key: string; billedHouseholds: number; paidHouseholds: number; dueCents: number; collectedCents: number }>();
  const compoundOf = (compoundId: string, key: string) => {
    const id = `${compoundId}|${key}`;
    let c = perCompound.get(id);
    if (!c) perCompound.set(id, (c = { compoundId, key, billedHouseholds: 0, paidHouseholds: 0, dueCents: 0, collectedCents: 0 }));
    return c;
  };
  for (const change of changes) {
    const [month, ...longer] = periodsOf(change.month);
    // A month holds one bill and at most one payment per household: the change itself says what it was before.
    const monthDelta = compoundDelta({ billedMonths: 1 - change.billed, paidMonths: 0 }, { billedMonths: 1, paidMonths: change.paid });
    const m = compoundOf(change.compoundId, month);
    m.billedHouseholds += monthDelta.billedHouseholds;
    m.paidHouseholds += monthDelta.paidHouseholds;
    m.dueCents += change.dueCents;
    m.collectedCents += change.collectedCents;
    // Quarters and years keep each household's tally: paid every billed month is not a sum over months.
    for (const key of longer) {
      const id = `${change.householdId}|${key}`;
      const h = perHousehold.get(id) ?? { householdId: change.householdId, compoundId: change.compoundId, key, billed: 0, paid: 0 };
      h.billed += change.billed;
      h.paid += change.paid;
      perHousehold.set(id, h);
      const c = compoundOf(change.compoundId, key);
      c.dueCents += change.dueCents;
      c.collectedCents += change.collectedCents;
    }
  }
  const households = [...perHousehold.values()].filter((h) => h.billed || h.paid);
  for (const chunk of chunked(households, CHUNK)) {
    const rows = await sqlRows<{ household_id: string; period_key: string; billed_months: number | string; paid_months: number | string }>(
      em,
      `insert into fee_household_tally (household_id, period_key, compound_id, billed_months, paid_months) values ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       on conflict (household_id, period_key) do update set billed_months = fee_household_tally.billed_months + excluded.billed_months, paid_months = fee_household_tally.paid_months + excluded.paid_months
       returning household_id, period_key, billed_months, paid_months`,
      chunk.flatMap((h) => [h.householdId, h.key, h.compoundId, h.billed, h.paid]),
    );
    for (const row of rows) {
      const h = perHousehold.get(`${row.household_id}|${row.period_key}`)!;
      const after = { billedMonths: Number(row.billed_months), paidMonths: Number(row.paid_months) };
      const delta = compoundDelta({ billedMonths: after.billedMonths - h.billed, paidMonths: after.paidMonths - h.paid }, after);
      const c = compoundOf(h.compoundId, h.key);
      c.billedHouseholds += delta.billedHouseholds;
      c.paidHouseholds += delta.paidHouseholds;
    }
  }
  const compounds = [...perCompound.values()].filter((c) => c.billedHouseholds || c.paidHouseholds || c.dueCents || c.collectedCents);
  await addToCounters(
    em,
    FeeTallyEntity,
    compounds.map((c) => ({
      keys: { compoundId: c.compoundId, periodKey: c.key },
      deltas: { billedHouseholds: c.billedHouseholds, paidHouseholds: c.paidHouseholds, dueCents: c.dueCents, collectedCents: c.collectedCents },
    })),
  );
}

export interface TallyRow {
  compoundId: string;
  periodKey: string;
  billedHouseholds: number;
  paidHouseholds: number;
  dueCents: number;
  collectedCents: number;
}

/** A `fee_tally` row (or a recount's) as read: both drivers may hand back bigints as strings. */
const tallyRow = (r: Record<string, string | number>): TallyRow => ({
  compoundId: String(r.compound_id),
  periodKey: String(r.period_key),
  billedHouseholds: Number(r.billed_households),
  paidHouseholds: Number(r.paid_households),
  dueCents: Number(r.due_cents),
  collectedCents: Number(r.collected_cents),
});

/** The tallies of the given compounds for one period (compounds with no bill in it have no row). */
export async function talliesOf(em: EntityManager, compoundIds: readonly string[], periodKey: string): Promise<TallyRow[]> {
  if (!compoundIds.length) return [];
  const rows = await sqlRows<Record<string, string | number>>(
    em,
    `select compound_id, period_key, billed_households, paid_households, due_cents, collected_cents from fee_tally where period_key = ? and compound_id in (${placeholders(compoundIds.length)})`,
    [periodKey, ...compoundIds],
  );
  return rows.map(tallyRow);
}

/**
 * The tallies of the given communities' compounds for one period, summed per
 * community in the database: a district's answer is one row per community
 * (135), not one per compound (1,080) to read and add up here.
 */
export async function talliesPerCommunity(em: EntityManager, communityIds: readonly string[], periodKey: string): Promise<Map<string, Omit<TallyRow, 'compoundId' | 'periodKey'>>> {
  if (!communityIds.length) return new Map();
  const rows = await sqlRows<Record<string, string | number>>(
    em,
    `select c.community_id, sum(t.billed_households) as billed_households, sum(t.paid_households) as paid_households, sum(t.due_cents) as due_cents, sum(t.collected_cents) as collected_cents
     from compound c join fee_tally t on t.compound_id = c.id and t.period_key = ?
     where c.community_id in (${placeholders(communityIds.length)})
     group by c.community_id`,
    [periodKey, ...communityIds],
  );
  return new Map(
    rows.map((r) => [
      String(r.community_id),
      { billedHouseholds: Number(r.billed_households), paidHouseholds: Number(r.paid_households), dueCents: Number(r.due_cents), collectedCents: Number(r.collected_cents) },
    ]),
  );
}

// The billed months under each longer period they count in (quarter, year), in SQL both databases read.
const BILLED_UNDER_QUARTERS_AND_YEARS = `
  select household_id, compound_id, payment_id, due_cents, paid_cents, substr(month, 1, 4) || '-Q' || ((cast(substr(month, 6, 2) as integer) + 2) / 3) as period_key from fee_month where billed = true
  union all
  select household_id, compound_id, payment_id, due_cents, paid_cents, substr(month, 1, 4) from fee_month where billed = true`;
// ... and under every period key (month, quarter, year).
const BILLED_UNDER_PERIODS = `
  select household_id, compound_id, payment_id, due_cents, paid_cents, month as period_key from fee_month where billed = true
  union all ${BILLED_UNDER_QUARTERS_AND_YEARS}`;

/** The tallies recounted from the bills themselves (one row per compound and period key with a bill). */
export const RECOUNT_TALLIES_SQL = `
  select compound_id, period_key, count(*) as billed_households, sum(case when paid = months then 1 else 0 end) as paid_households, sum(due) as due_cents, sum(collected) as collected_cents
  from (select compound_id, household_id, period_key, count(*) as months, sum(case when payment_id is not null then 1 else 0 end) as paid, sum(due_cents) as due, sum(paid_cents) as collected
        from (${BILLED_UNDER_PERIODS}) b group by compound_id, household_id, period_key) h
  group by compound_id, period_key`;

/** What `tallyMonths` must have kept (tests and the seed's check compare them). */
export async function recountTallies(em: EntityManager): Promise<TallyRow[]> {
  const rows = await sqlRows<Record<string, string | number>>(em, `${RECOUNT_TALLIES_SQL} order by compound_id, period_key`);
  return rows.map(tallyRow);
}

/** The kept tallies, in the recount's order. */
export async function keptTallies(em: EntityManager): Promise<TallyRow[]> {
  const rows = await sqlRows<Record<string, string | number>>(
    em,
    'select compound_id, period_key, billed_households, paid_households, due_cents, collected_cents from fee_tally where billed_households <> 0 or due_cents <> 0 order by compound_id, period_key',
  );
  return rows.map(tallyRow);
}

/**
 * The statements that rebuild every tally from the bills: the migration that
 * introduced the tallies runs them over a deployment's existing bills, an
 * embedded database gets them at its first start with tallies
 * (`ensureTallies`), and the district seed after loading a year of bills.
 */
export const REBUILD_TALLIES_SQL: readonly string[] = [
  'delete from fee_household_tally',
  'delete from fee_tally',
  `insert into fee_household_tally (household_id, period_key, compound_id, billed_months, paid_months)
   select household_id, period_key, compound_id, count(*), sum(case when payment_id is not null then 1 else 0 end) from (${BILLED_UNDER_QUARTERS_AND_YEARS}) b group by household_id, period_key, compound_id`,
  `insert into fee_tally (compound_id, period_key, billed_households, paid_households, due_cents, collected_cents)
   select compound_id, period_key, count(*), sum(case when paid = months then 1 else 0 end), sum(due), sum(collected)
   from (select compound_id, household_id, period_key, count(*) as months, sum(case when payment_id is not null then 1 else 0 end) as paid, sum(due_cents) as due, sum(paid_cents) as collected
         from (${BILLED_UNDER_PERIODS}) b group by compound_id, household_id, period_key) h
   group by compound_id, period_key`,
];

export async function rebuildTallies(em: EntityManager): Promise<void> {
  for (const sql of REBUILD_TALLIES_SQL) await sqlRun(em, sql);
}

/** Bills but no tallies (a database from before them, on SQLite where no migration runs): rebuilds them once. */
export async function ensureTallies(em: EntityManager): Promise<boolean> {
  const [state] = await sqlRows<{ bills: number | string; tallies: number | string }>(
    em,
    'select (select count(*) from (select 1 from fee_month where billed = ? limit 1) b) as bills, (select count(*) from (select 1 from fee_tally limit 1) t) as tallies',
    [true],
  );
  if (Number(state.bills) === 0 || Number(state.tallies) > 0) return false;
  await rebuildTallies(em);
  return true;
}
