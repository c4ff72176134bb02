import { queryRows } from './sql';

/** One side of the sub-district comparison: whom each list is asked about, and how many tickets lie under it. */
export interface Subjects {
  scopeId: string;
  /** Tickets under the scope. */
  tickets: number;
  firmId: string;
  firmTickets: number;
  /** The firm's open tickets (DISPATCHED or ACCEPTED): what its open queue can fill. */
  firmOpen: number;
  residentId: string;
  residentTickets: number;
  /** Household-month bills under the scope (what FeeCollection aggregates). */
  feeMonths: number;
  /** A compound's public fund: the one with the most ledger entries, against one with ~1 % of that. */
  fundCompoundId: string | null;
  fundEntries: number;
}

export interface BenchSubjects {
  district: Subjects;
  /** ~1 % of the district: its busiest community (the "10k sub-district" of issue #12 at a district-year). */
  slice: Subjects & { share: number };
}

/**
 * The subjects of the comparison, read from the seeded databases (so a reused
 * seed needs no manifest): the whole district against its busiest community;
 * a firm's queue and a resident's list are scoped by who asks, so there the
 * caller with the most tickets is compared with one holding ~1 % of that.
 */
export async function findSubjects(urls: { organisations: string; tickets: string; owners: string }): Promise<BenchSubjects> {
  const [district] = await queryRows<{ id: string }>(urls.organisations, `select id from organisation where kind = 'DISTRICT' order by created_at limit 1`);
  if (!district) throw new Error('no district in the organisations database: is it seeded?');
  const [{ n: total }] = await queryRows<{ n: number }>(urls.tickets, `select count(*)::int as n from ticket`);
  const [community] = await queryRows<{ id: string; n: number }>(urls.tickets, `select community_id as id, count(*)::int as n from ticket group by 1 order by 2 desc limit 1`);
  // The caller with the most tickets, and the one closest to 1 % of that (at least one ticket).
  const rank = async (column: string, target?: number) =>
    (
      await queryRows<{ id: string; n: number }>(
        urls.tickets,
        `select ${column} as id, count(*)::int as n from ticket where ${column} is not null group by 1 order by ${target === undefined ? 'count(*) desc' : 'abs(count(*) - $1)'}, 1 limit 1`,
        target === undefined ? [] : [target],
      )
    )[0];
  const firm = await rank('assignee_id');
  const resident = await rank('reporter_id');
  const sliceFirm = await rank('assignee_id', Math.max(1, Math.round(firm.n / 100)));
  const sliceResident = await rank('reporter_id', Math.max(1, Math.round(resident.n / 100)));
  const openOf = async (assigneeId: string) =>
    (await queryRows<{ n: number }>(urls.tickets, `select count(*)::int as n from ticket where assignee_id = $1 and status in ('DISPATCHED', 'ACCEPTED')`, [assigneeId]))[0].n;
  // The owners' side: bills under each scope (its compounds are the owners service's copy), fund ledgers by size.
  const feeMonths = async (communityId?: string) =>
    (
      await queryRows<{ n: number }>(
        urls.owners,
        `select count(*)::int as n from fee_month${communityId ? ' where compound_id in (select id from compound where community_id = $1)' : ''}`,
        communityId ? [communityId] : [],
      )
    )[0].n;
  const fund = async (target?: number) =>
    (
      await queryRows<{ id: string; n: number }>(
        urls.owners,
        `select compound_id as id, count(*)::int as n from public_fund_entry group by 1 order by ${target === undefined ? 'count(*) desc' : 'abs(count(*) - $1)'}, 1 limit 1`,
        target === undefined ? [] : [target],
      )
    )[0] ?? { id: null, n: 0 };
  const bigFund = await fund();
  const smallFund = await fund(Math.max(1, Math.round(bigFund.n / 100)));
  return {
    district: {
      scopeId: district.id,
      tickets: total,
      firmId: firm.id,
      firmTickets: firm.n,
      firmOpen: await openOf(firm.id),
      residentId: resident.id,
      residentTickets: resident.n,
      feeMonths: await feeMonths(),
      fundCompoundId: bigFund.id,
      fundEntries: bigFund.n,
    },
    slice: {
      scopeId: community.id,
      tickets: community.n,
      share: Math.round((community.n / Math.max(total, 1)) * 1000) / 10,
      firmId: sliceFirm.id,
      firmTickets: sliceFirm.n,
      firmOpen: await openOf(sliceFirm.id),
      residentId: sliceResident.id,
      residentTickets: sliceResident.n,
      feeMonths: await feeMonths(community.id),
      fundCompoundId: smallFund.id,
      fundEntries: smallFund.n,
    },
  };
}
