import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Pool } from 'pg';
import { addMonths, monthOf, parsePeriod, type Actor, type Role } from '@linli/platform';
import type { Command } from '@linli/subgraph-kit';
import {
  castVote,
  closeVoting,
  draftProposal,
  FeeCompoundEntity,
  FeeMonthEntity,
  FeePaymentEntity,
  FeeRateEntity,
  openVoting,
  PublicFundEntity,
  PublicFundEntryEntity,
  rebuildTallies,
  reviewProposal,
  spendPublicFund,
  submitProposal,
} from '@linli/owners';
import { serviceDatabaseUrl } from '@linli/stack';
import { Random } from '../../random';
import type { Scale } from '../../scales';
import type { SeedWorld } from '../world';
import {
  compoundRandom,
  firstRate,
  monthsOf,
  passedFeeChange,
  planCompoundFees,
  planProposals,
  planSpendings,
  type FeeCompound,
  type FeeMonthRow,
  type FeePaymentRow,
  type FundCreditRow,
  type PlannedProposal,
  type PlannedRate,
  type ProposalStep,
} from './fees.plan';
import { insertRows } from './load';

export interface FeesOptions {
  world: Pick<SeedWorld, 'communities'>;
  scale: Scale;
  seed: number;
  baseUrl: string;
  endAt: Date;
  /** Opens a service's database with its entities and the events tables. */
  open: (service: string) => Promise<MikroORM>;
  progress: (label: string, done: number, total: number) => void;
}

/** What the phase generated: the fee check compares the owners database with it. */
export interface FeesGenerated {
  compounds: number;
  bills: number;
  payments: number;
  paidCents: number;
  credits: number;
  creditedCents: number;
  spentCents: number;
  proposals: Record<string, number>;
}

/** Bills loaded per round (with their payments and credits). */
const ROUND = 20_000;

/**
 * The owners' year (issue #14): every compound's first fee rate (from the
 * first month, as community staff set it), then proposals in every state
 * through the owners service's own functions at their times — reviews,
 * ballots of the households' owners, closing (a passed FEE_CHANGE brings its
 * rate through the service; the events of opening and deciding go to the
 * outbox, delivered with the rest), then each household's bills and payments
 * planned with the service's rules and loaded in large statements with the
 * public fund's credits and totals, then the spending under passed
 * PUBLIC_FUND_SPENDING proposals through `spendPublicFund`. The households
 * are the owners service's own copy of the register (its handlers filled it).
 */
export async function seedFees(opts: FeesOptions): Promise<FeesGenerated> {
  const orm = await opts.open('owners');
  const pool = new Pool({ connectionString: serviceDatabaseUrl(opts.baseUrl, 'owners'), max: 2 });
  try {
    const [{ n }] = (await pool.query('select count(*)::int as n from fee_rate')).rows;
    if (n > 0) throw new Error(`The owners database already holds ${n} fee rates: the bulk seed starts from empty databases`);
    const endAt = opts.endAt.getTime();
    const lastMonth = monthOf(opts.endAt);
    const firstMonth = addMonths(lastMonth, -opts.scale.months);
    const months = monthsOf(firstMonth, lastMonth);
    const start = parsePeriod(firstMonth).start.getTime();
    const { compounds, access } = await readCompounds(pool);
    const staffOf = new Map(opts.world.communities.map((c) => [c.id, c.staff.sub]));
    const recorderOf = (c: FeeCompound) => (c.managementMode === 'COMMERCIAL' && c.propertyFirmId ? `seed-handler-${c.propertyFirmId.slice(0, 8)}` : staffOf.get(c.communityId) ?? 'seed-staff');

    // 1. The first rates, as setFeeRate makes them: the rate, the billing state, the fund's row.
    const rates = new Map<string, PlannedRate[]>(compounds.map((c, i) => [c.id, [firstRate(c.id, firstMonth, compoundRandom(opts.seed, i))]]));
    const first = [...rates.values()].map((r) => r[0]);
    await insertRows(pool, orm, FeeRateEntity, first);
    await insertRows(pool, orm, FeeCompoundEntity, first.map((r) => ({ compoundId: r.compoundId, firstMonth: r.fromMonth, billedThrough: null })));
    await insertRows(pool, orm, PublicFundEntity, first.map((r) => ({ compoundId: r.compoundId, creditedCents: 0, spentCents: 0 })));

    // 2. The proposals' plan; the rates passed FEE_CHANGEs bring; the amounts of passed spendings, from their compound's credits.
    const proposals = planProposals(compounds, Math.max(2, opts.scale.streets), start, endAt, new Map(first.map((r) => [r.compoundId, r])), new Random(opts.seed + 5));
    const closedAt = (p: PlannedProposal) => p.steps.find((s) => s.action === 'CLOSE')!.at;
    for (const p of proposals.filter((p) => p.target === 'PASSED' && p.kind === 'FEE_CHANGE')) {
      rates.get(p.compoundId)!.push(passedFeeChange(rates.get(p.compoundId)!, p.centsPerSqmMonth!, new Date(closedAt(p))));
    }
    const indexOf = new Map(compounds.map((c, i) => [c.id, i]));
    const feesOf = (c: FeeCompound) => planCompoundFees(c, rates.get(c.id)!, months, endAt, compoundRandom(opts.seed + 1, indexOf.get(c.id)!), recorderOf(c));
    for (const p of proposals.filter((p) => p.target === 'PASSED' && p.kind === 'PUBLIC_FUND_SPENDING')) {
      planSpendings(p, feesOf(compounds[indexOf.get(p.compoundId)!]).credits, endAt);
    }

    // 3. The proposals through the service, every step at its time; the spending waits for the fund's credits.
    const steps = proposals.flatMap((p, k) => p.steps.map((s) => ({ p, k, s }))).sort((a, b) => a.s.at - b.s.at);
    const ids: string[] = [];
    const run = (item: (typeof steps)[number]) => orm.em.fork().transactional((tx) => proposalStep(tx, item.p, item.s, ids, item.k, access.get(item.p.compoundId)!, staffOf.get(item.p.communityId)!));
    for (const item of steps.filter((x) => x.s.action !== 'SPEND')) await run(item);
    opts.progress('proposal steps', steps.length, steps.length);
    await checkRates(pool, rates);

    // 4. The year's bills and payments in rounds of large statements, the fund's credits with them.
    const generated: FeesGenerated = { compounds: compounds.length, bills: 0, payments: 0, paidCents: 0, credits: 0, creditedCents: 0, spentCents: 0, proposals: {} };
    const credited = new Map<string, number>();
    let round = { bills: [] as FeeMonthRow[], payments: [] as FeePaymentRow[], credits: [] as FundCreditRow[] };
    const flush = async () => {
      await insertRows(pool, orm, FeePaymentEntity, round.payments);
      await insertRows(pool, orm, FeeMonthEntity, round.bills);
      await insertRows(pool, orm, PublicFundEntryEntity, round.credits);
      round = { bills: [], payments: [], credits: [] };
    };
    for (const [i, c] of compounds.entries()) {
      const fees = feesOf(c);
      round.bills.push(...fees.bills);
      round.payments.push(...fees.payments);
      round.credits.push(...fees.credits);
      generated.bills += fees.bills.length;
      generated.payments += fees.payments.length;
      generated.paidCents += fees.payments.reduce((s, p) => s + p.amountCents, 0);
      generated.credits += fees.credits.length;
      const sum = fees.credits.reduce((s, e) => s + e.amountCents, 0);
      generated.creditedCents += sum;
      credited.set(c.id, sum);
      if (round.bills.length >= ROUND) {
        await flush();
        opts.progress('fee compounds', i + 1, compounds.length);
      }
    }
    await flush();
    // The fund's running totals, as creditFund's increments leave them; every compound billed through the current month.
    await pool.query('update public_fund f set credited_cents = t.credited from unnest($1::varchar[], $2::bigint[]) as t(compound_id, credited) where f.compound_id = t.compound_id', [
      [...credited.keys()],
      [...credited.values()],
    ]);
    await pool.query('update fee_compound set billed_through = $1', [lastMonth]);
    // Statistics for what was just loaded: without them the planner takes the million-row tables for empty (nested loops over aggregates).
    // feeCollection's tallies of the loaded year, by the service's own rebuild (what its migration does over existing bills).
    await orm.em.fork().transactional((em) => rebuildTallies(em));
    await pool.query('analyze fee_month, fee_payment, public_fund_entry, public_fund, fee_rate, fee_compound, fee_tally, fee_household_tally');
    opts.progress('fee compounds', compounds.length, compounds.length);

    // 5. The spending, now that the fund holds the credits (each within the proposal and the balance at its time, by plan).
    for (const item of steps.filter((x) => x.s.action === 'SPEND')) {
      await run(item);
      generated.spentCents += (item.s as { amountCents: number }).amountCents;
    }
    for (const p of proposals) generated.proposals[p.target] = (generated.proposals[p.target] ?? 0) + 1;
    return generated;
  } finally {
    await pool.end();
    await orm.close();
  }
}

type Access = { partyOrganisationId: string | null; ownersCommitteeId: string | null };

/** The compounds and their households (with an owner each, when they have one) from the owners service's own copies. */
async function readCompounds(pool: Pool): Promise<{ compounds: FeeCompound[]; access: Map<string, Access> }> {
  const rows = (
    await pool.query<{ id: string; community_id: string; management_mode: string; property_firm_id: string | null; party_organisation_id: string | null; owners_committee_id: string | null }>(
      'select id, community_id, management_mode, property_firm_id, party_organisation_id, owners_committee_id from compound order by id',
    )
  ).rows;
  const households = (
    await pool.query<{ id: string; compound_id: string; area_hundredths: number; registered_at: Date; owner_id: string | null }>(
      `select h.id, h.compound_id, h.area_hundredths, h.registered_at,
              (select min(m.person_id) from household_member m where m.household_id = h.id and m.relation in ('OWNER', 'CO_OWNER') and m.until is null) as owner_id
       from household h order by h.compound_id, h.id`,
    )
  ).rows;
  const byCompound = new Map<string, FeeCompound>(
    rows.map((r) => [r.id, { id: r.id, communityId: r.community_id, managementMode: r.management_mode, propertyFirmId: r.property_firm_id, households: [] }]),
  );
  for (const h of households) byCompound.get(h.compound_id)?.households.push({ id: h.id, areaHundredths: h.area_hundredths, registeredAt: h.registered_at, ownerId: h.owner_id });
  return {
    compounds: [...byCompound.values()],
    access: new Map(rows.map((r) => [r.id, { partyOrganisationId: r.party_organisation_id, ownersCommitteeId: r.owners_committee_id }])),
  };
}

const actor = (personId: string, roles: Role[], orgs: string[]): Actor => ({ personId, roles: new Set(roles), orgs });

/**
 * One step of a proposal through the owners service's function, as its
 * mutation runs it: the community's staff draft, review (acting for the
 * compound's party organisation and owners' committee when it has them),
 * run the vote and spend; each household's owner casts its ballot.
 */
async function proposalStep(em: EntityManager, p: PlannedProposal, s: ProposalStep, ids: string[], k: number, access: Access, staffId: string): Promise<void> {
  const now = new Date(s.at);
  const staff = actor(staffId, ['COMMUNITY_STAFF'], [p.communityId, access.partyOrganisationId, access.ownersCommitteeId].filter((o): o is string => !!o));
  const cmd = (who: Actor): Command => ({ actor: who, now, event: { source: 'owners', correlationId: `seed-proposal-${k}-${s.action.toLowerCase()}-${s.at}`, occurredAt: now } });
  switch (s.action) {
    case 'DRAFT': {
      const row = await draftProposal(em, cmd(staff), { compoundId: p.compoundId, kind: p.kind, title: p.title, description: p.description, amountCents: p.amountCents, centsPerSqmMonth: p.centsPerSqmMonth });
      ids[k] = row.id;
      return;
    }
    case 'SUBMIT':
      return void (await submitProposal(em, cmd(staff), ids[k]));
    case 'REVIEW':
      return void (await reviewProposal(em, cmd(staff), ids[k], s.approve, s.note));
    case 'OPEN':
      return void (await openVoting(em, cmd(staff), ids[k], s.closesAt));
    case 'VOTE':
      return void (await castVote(em, cmd(actor(s.voterId, ['RESIDENT'], [])), ids[k], s.householdId, s.choice));
    case 'CLOSE': {
      const row = await closeVoting(em, cmd(staff), ids[k]);
      if (row.status !== p.target) throw new Error(`proposal ${k} closed ${row.status}, planned ${p.target}`);
      return;
    }
    case 'SPEND':
      return void (await spendPublicFund(em, cmd(staff), { compoundId: p.compoundId, proposalId: ids[k], amountCents: s.amountCents, purpose: s.purpose }));
  }
}

/** The rates the service made (the first ones and those passed FEE_CHANGEs brought) against the plan the bills were priced with. */
async function checkRates(pool: Pool, rates: Map<string, PlannedRate[]>): Promise<void> {
  const key = (r: { compoundId: string; fromMonth: string; centsPerSqmMonth: number; publicFundShareBp: number }) => `${r.compoundId}:${r.fromMonth}:${r.centsPerSqmMonth}:${r.publicFundShareBp}`;
  const planned = [...rates.values()].flat().map(key).sort();
  const stored = (
    await pool.query<{ compoundId: string; fromMonth: string; centsPerSqmMonth: number; publicFundShareBp: number }>(
      'select compound_id as "compoundId", from_month as "fromMonth", cents_per_sqm_month as "centsPerSqmMonth", public_fund_share_bp as "publicFundShareBp" from fee_rate',
    )
  ).rows
    .map(key)
    .sort();
  if (planned.join() !== stored.join()) throw new Error(`The owners service's fee rates differ from the plan: ${stored.length} stored, ${planned.length} planned`);
}
