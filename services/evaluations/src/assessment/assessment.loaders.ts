import type { EntityManager } from '@mikro-orm/core';
import { columnOf, OrgNodeSchema, placeholders, sqlRows, tableOf } from '@linli/subgraph-kit';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { RectificationEntity } from '../rectification/rectification.entity';
import { TicketFactEntity } from '../ticket/ticket-fact.entity';
import { isHandlingKind } from '@linli/platform';
import {
  assess,
  BAD_RATING_POINTS,
  EMPTY_COUNTERS,
  OVERDUE_RECTIFICATION_POINTS,
  thaw,
  type AssessmentCounters,
  type DeductionLine,
  type FrozenAssessment,
} from './assessment.rules';
import { toAssessment, type Assessment } from './assessment.type';
import { FirmMonthEntity } from './firm-month.entity';

const COUNTER_PROPS = Object.keys(EMPTY_COUNTERS) as (keyof AssessmentCounters)[];

export interface FirmMonthRow {
  orgId: string;
  kind: string;
  counters: AssessmentCounters;
  finalised: FrozenAssessment | null;
}

/**
 * The organisations' kinds and their month's counters in one query (org
 * projection LEFT JOIN firm_month), however many organisations a page holds
 * (AllianceOverview, TicketExport). Organisations this subgraph does not
 * know are missing from the map.
 */
export async function loadFirmMonths(em: EntityManager, ids: readonly string[], month: string): Promise<Map<string, FirmMonthRow>> {
  if (!ids.length) return new Map();
  const col = (p: string) => columnOf(em, FirmMonthEntity, p);
  const orgCol = (p: string) => columnOf(em, OrgNodeSchema, p);
  const fm = tableOf(em, FirmMonthEntity);
  const sql =
    `select o.${orgCol('id')} as org_id, o.${orgCol('kind')} as kind, ${COUNTER_PROPS.map((p) => `f.${col(p)} as ${col(p)}`).join(', ')}, f.${col('finalised')} as finalised ` +
    `from ${tableOf(em, OrgNodeSchema)} o left join ${fm} f on f.${col('firmId')} = o.${orgCol('id')} and f.${col('month')} = ? ` +
    `where o.${orgCol('id')} in (${placeholders(ids.length)})`;
  const rows = await sqlRows(em, sql, [month, ...ids]);
  return new Map(
    rows.map((r) => {
      const counters = Object.fromEntries(COUNTER_PROPS.map((p) => [p, Number(r[col(p)] ?? 0)])) as unknown as AssessmentCounters;
      const raw = r.finalised;
      // PostgreSQL hands jsonb back parsed, SQLite as text.
      const finalised = raw === null || raw === undefined ? null : ((typeof raw === 'string' ? JSON.parse(raw) : raw) as FrozenAssessment);
      return [String(r.org_id), { orgId: String(r.org_id), kind: String(r.kind), counters, finalised }];
    }),
  );
}

/** The assessment a row stands for: the frozen one once finalised, else computed from the live counters; null for non-handling kinds. */
export function assessmentOfRow(row: FirmMonthRow | undefined, month: string): Assessment | null {
  if (!row || !isHandlingKind(row.kind)) return null;
  if (row.finalised) {
    const { figures, deductions, finalisedAt } = thaw(row.finalised);
    return toAssessment(row.orgId, month, figures, { finalisedAt, deductions });
  }
  return toAssessment(row.orgId, month, assess(row.counters), null);
}

/** `Organisation.assessment(period)`: batched per request and month. */
export function assessmentFor(ctx: SubgraphContext, orgId: string, month: string): Promise<Assessment | null> {
  return ctx.loaders.load(`assessment:${month}`, orgId, async (ids) => {
    const rows = await loadFirmMonths(ctx.em, ids, month);
    return ids.map((id) => assessmentOfRow(rows.get(id), month));
  });
}

/**
 * The live deductions of organisations in a month: their bad ratings given
 * that month (tickets they resolved) and their rectifications that became
 * overdue that month. Two queries for any number of organisations.
 */
export async function liveDeductions(em: EntityManager, firmIds: readonly string[], month: string): Promise<Map<string, DeductionLine[]>> {
  const out = new Map<string, DeductionLine[]>(firmIds.map((id) => [id, []]));
  if (!firmIds.length) return out;
  const [bad, overdue] = await Promise.all([
    em.find(TicketFactEntity, { resolvedById: { $in: [...firmIds] }, ratedMonth: month, ratingScore: { $lte: 2 } }),
    em.find(RectificationEntity, { firmId: { $in: [...firmIds] }, overdueMonth: month }),
  ]);
  for (const t of bad) {
    out.get(t.resolvedById!)!.push({ points: BAD_RATING_POINTS, reason: 'BAD_RATING', at: t.ratedAt!, ticketId: t.id, rectificationId: null });
  }
  for (const r of overdue) {
    out.get(r.firmId)!.push({ points: OVERDUE_RECTIFICATION_POINTS, reason: 'RECTIFICATION_OVERDUE', at: r.overdueAt!, ticketId: null, rectificationId: r.id });
  }
  for (const list of out.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime() || String(a.ticketId ?? a.rectificationId).localeCompare(String(b.ticketId ?? b.rectificationId)));
  return out;
}

export function deductionsFor(ctx: SubgraphContext, a: Assessment): Promise<DeductionLine[]> {
  if (a.frozenDeductions) return Promise.resolve(a.frozenDeductions);
  return ctx.loaders
    .load(`deductions:${a.period}`, a.firmId, async (ids) => {
      const map = await liveDeductions(ctx.em, ids, a.period);
      return ids.map((id) => map.get(id) ?? []);
    })
    .then((d) => d ?? []);
}
