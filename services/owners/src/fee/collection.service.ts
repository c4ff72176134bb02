import type { EntityManager } from '@mikro-orm/core';
import { badInput, isTerritorialKind, monthsIn, notFound, parsePeriod } from '@linli/platform';
import { breakdownOf, breakdownScopes, communitiesIn, orgNodes, placeholders, sqlRows, type OrgNode } from '@linli/subgraph-kit';
import { CompoundFirmTermEntity } from '../territory/compound.entity';
import { talliesOf, talliesPerCommunity } from './tally.service';

export interface Collection {
  billedHouseholds: number;
  paidHouseholds: number;
  dueCents: number;
  collectedCents: number;
  rate: number;
}

export interface FeeCollectionResult extends Collection {
  scopeId: string;
  period: string;
  breakdown: (Collection & { scopeId: string })[];
}

type Counts = Omit<Collection, 'rate'>;
const ZERO: Counts = { billedHouseholds: 0, paidHouseholds: 0, dueCents: 0, collectedCents: 0 };
const add = (a: Counts, b: Counts): Counts => ({
  billedHouseholds: a.billedHouseholds + b.billedHouseholds,
  paidHouseholds: a.paidHouseholds + b.paidHouseholds,
  dueCents: a.dueCents + b.dueCents,
  collectedCents: a.collectedCents + b.collectedCents,
});
/** rate = collected / due, 1 when nothing is due (contract). */
export const withRate = (c: Counts): Collection => ({ ...c, rate: c.dueCents === 0 ? 1 : c.collectedCents / c.dueCents });

/**
 * Per compound over a whole period: its tally (tally.service.ts), one row per
 * compound whatever the households, months and payments behind it.
 */
async function perCompound(em: EntityManager, compoundIds: string[], periodKey: string): Promise<Map<string, Counts>> {
  return new Map((await talliesOf(em, compoundIds, periodKey)).map((t) => [t.compoundId, t]));
}

/**
 * Per compound over some months of a period (a firm's months of management):
 * households billed at least once, those that paid every billed month, and
 * the sums, grouped from the household-month bills (indexed by compound and
 * month). Only a firm that changed within the period asks this.
 */
async function perCompoundOver(em: EntityManager, compoundIds: string[], months: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (!compoundIds.length || !months.length) return out;
  const rows = await sqlRows<Record<string, string | number>>(
    em,
    `select compound_id, count(*) as billed, sum(case when paid = months then 1 else 0 end) as paid_households, sum(due) as due, sum(collected) as collected
     from (select compound_id, household_id, count(*) as months, sum(case when payment_id is not null then 1 else 0 end) as paid, sum(due_cents) as due, sum(paid_cents) as collected
           from fee_month where billed = ? and compound_id in (${placeholders(compoundIds.length)}) and month in (${placeholders(months.length)})
           group by compound_id, household_id) per_household
     group by compound_id`,
    [true, ...compoundIds, ...months],
  );
  for (const r of rows) {
    out.set(String(r.compound_id), {
      billedHouseholds: Number(r.billed),
      paidHouseholds: Number(r.paid_households),
      dueCents: Number(r.due),
      collectedCents: Number(r.collected),
    });
  }
  return out;
}

/**
 * A district, street or community: its compounds' tallies summed per
 * community (one statement), the breakdown per child street or community
 * added up from those: the work follows the scope's communities, not its
 * compounds, households or bills.
 */
async function territorial(em: EntityManager, scope: OrgNode, periodKey: string) {
  const communities = await communitiesIn(em, scope);
  const counts = await talliesPerCommunity(em, communities.map((c) => c.id), periodKey);
  const sum = (list: OrgNode[]) => list.reduce((s, c) => add(s, counts.get(c.id) ?? ZERO), ZERO);
  const children = await breakdownScopes(em, scope);
  const childOf = breakdownOf(children, communities);
  const breakdown = children.map((child) => ({
    scopeId: child.id,
    ...withRate(sum(communities.filter((community) => childOf.get(community.id) === child.id))),
  }));
  return { total: sum(communities), breakdown };
}

/** A property firm: the compounds it managed, each over the months it managed them. */
async function firm(em: EntityManager, firmId: string, periodKey: string, months: string[]): Promise<Counts> {
  const last = months[months.length - 1];
  const touched = await em.find(CompoundFirmTermEntity, { propertyFirmId: firmId, fromMonth: { $lte: last } });
  const compoundIds = [...new Set(touched.map((t) => t.compoundId))];
  if (!compoundIds.length) return ZERO;
  const terms = await em.find(CompoundFirmTermEntity, { compoundId: { $in: compoundIds } }, { orderBy: { fromMonth: 'asc' } });
  // Compounds with the same managed months share one statement.
  const byMonths = new Map<string, string[]>();
  for (const id of compoundIds) {
    const mine = terms.filter((t) => t.compoundId === id);
    const managed = months.filter((m) => {
      let current: string | null = null;
      for (const t of mine) if (t.fromMonth <= m) current = t.propertyFirmId;
      return current === firmId;
    });
    if (managed.length) byMonths.set(managed.join(','), [...(byMonths.get(managed.join(',')) ?? []), id]);
  }
  let total = ZERO;
  // Compounds it managed the whole period read their tallies; the others their bills of the months it managed.
  for (const [key, ids] of byMonths) {
    const counts = key === months.join(',') ? await perCompound(em, ids, periodKey) : await perCompoundOver(em, ids, key.split(','));
    for (const c of counts.values()) total = add(total, c);
  }
  return total;
}

/** Contract "Fees and the public fund": public, by scope (territory or firm) and period. */
export async function feeCollection(em: EntityManager, scopeId: string, period: string): Promise<FeeCollectionResult> {
  const p = parsePeriod(period, ['MONTH', 'QUARTER', 'YEAR']);
  const months = monthsIn(p);
  const scope = (await orgNodes(em, [scopeId])).get(scopeId);
  if (!scope) throw notFound('Scope');
  if (isTerritorialKind(scope.kind)) {
    const { total, breakdown } = await territorial(em, scope, p.key);
    return { scopeId, period: p.key, ...withRate(total), breakdown };
  }
  if (scope.kind === 'PROPERTY_FIRM') return { scopeId, period: p.key, ...withRate(await firm(em, scopeId, p.key, months)), breakdown: [] };
  throw badInput('scopeId', 'scopeId must be a district, street, community or property firm');
}
