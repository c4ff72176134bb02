import type { EntityManager } from '@mikro-orm/core';
import { checkPageSize } from '@linli/platform';
import { orgNodes } from '@linli/subgraph-kit';
import { assessmentOfRow, loadFirmMonths } from '../assessment/assessment.loaders';
import type { Assessment } from '../assessment/assessment.type';
import { firmsManagingIn, requireOrg } from '../shared/org-scope';
import { parseMonth } from '../shared/periods';
import { rankByScore } from './ranking.rules';

/**
 * Contract: `firmRanking` ranks the firms that manage compounds in the scope
 * by their assessment score for the month (the frozen one once finalised).
 * Public. Three queries whatever the number of firms.
 */
export async function firmRanking(em: EntityManager, scopeId: string, period: string, first: number | null | undefined) {
  const month = parseMonth(period);
  const size = checkPageSize(first);
  const scope = await requireOrg(em, scopeId, 'Scope');
  const firmIds = await firmsManagingIn(em, scope);
  const [rows, names] = await Promise.all([loadFirmMonths(em, firmIds, month.key), orgNodes(em, firmIds)]);
  const assessed = firmIds
    .map((id) => ({ id, assessment: assessmentOfRow(rows.get(id), month.key) }))
    .filter((r): r is { id: string; assessment: Assessment } => r.assessment !== null);
  return rankByScore(assessed.map((r) => ({ item: r.assessment, score: r.assessment.score, name: names.get(r.id)?.name ?? '', id: r.id }))).slice(0, size);
}
