import type { EntityManager } from '@mikro-orm/core';
import { badInput, isHandlingKind, isTerritorialKind } from '@linli/platform';
import { breakdownOf, breakdownScopes, communitiesIn, findRows, type Row } from '@linli/subgraph-kit';
import { requireOrg } from '../shared/org-scope';
import { monthsIn, parseRatePeriod } from '../shared/periods';
import type { RateCounters, RateDimension } from '../ticket/ticket-facts.rules';
import { RateCounterEntity } from './rate-counter.entity';
import { ratesOf, sumRateCounters, type Rates } from './rates.rules';

export interface ServiceRatesResult {
  scopeId: string;
  period: string;
  rates: Rates;
  breakdown: { scopeId: string; rates: Rates }[];
}

/** The counters as plain rows: a district's year is 135 communities × 12 months, only summed. */
async function counters(em: EntityManager, dimension: RateDimension, scopeIds: string[], months: string[]): Promise<Row<RateCounterEntity>[]> {
  if (!scopeIds.length) return [];
  return findRows(em, RateCounterEntity, { dimension, scopeId: { $in: scopeIds }, month: { $in: months } });
}

/**
 * Contract "Service rates". A district, street or community counts the
 * tickets submitted in its territory (sums of per-community monthly
 * counters); any other handling organisation counts the tickets assigned to
 * it. Quarters and years sum their months. Public: no scope check.
 */
export async function serviceRates(em: EntityManager, scopeId: string, period: string): Promise<ServiceRatesResult> {
  const p = parseRatePeriod(period);
  const months = monthsIn(p);
  const scope = await requireOrg(em, scopeId, 'Scope');

  if (isTerritorialKind(scope.kind)) {
    const communities = await communitiesIn(em, scope);
    const rows = await counters(em, 'COMMUNITY', communities.map((c) => c.id), months);
    const children = await breakdownScopes(em, scope);
    const childOf = breakdownOf(children, communities);
    const breakdown = children.map((child) => ({
      scopeId: child.id,
      rates: ratesOf(sumRateCounters(rows.filter((r) => childOf.get(r.scopeId) === child.id))),
    }));
    return { scopeId: scope.id, period: p.key, rates: ratesOf(sumRateCounters(rows)), breakdown };
  }
  if (isHandlingKind(scope.kind)) {
    const rows: RateCounters[] = await counters(em, 'ASSIGNEE', [scope.id], months);
    return { scopeId: scope.id, period: p.key, rates: ratesOf(sumRateCounters(rows)), breakdown: [] };
  }
  throw badInput('scopeId', 'scopeId must be a district, street, community or an organisation that handles tickets');
}
