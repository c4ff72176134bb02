import type { EntityManager } from '@mikro-orm/core';
import { badInput, forbidden, hasRole } from '@linli/platform';
import { AssessmentFinalised, recordEvent } from '@linli/events';
import { addToCounters, type Command } from '@linli/subgraph-kit';
import { firmsManagingIn, requireInScope, requireOrg } from '../shared/org-scope';
import { parseMonth } from '../shared/periods';
import { FirmStateEntity } from '../rectification/firm-state.entity';
import { issueRectification, lockFirm } from '../rectification/rectification.service';
import { assess, freeze, type FrozenAssessment } from './assessment.rules';
import { liveDeductions } from './assessment.loaders';
import { FirmMonthEntity } from './firm-month.entity';

export interface FinalisedMonth {
  firmId: string;
  month: string;
  frozen: FrozenAssessment;
}

/**
 * Contract: `finaliseAssessments` (street and district admins) freezes the
 * month for the firms that manage compounds in the scope, each firm's month
 * as a whole; a POOR firm gets a POOR_GRADE rectification. Finalising again
 * returns the frozen months unchanged (and issues nothing twice).
 */
export async function finaliseAssessments(em: EntityManager, cmd: Command, scopeId: string, period: string): Promise<FinalisedMonth[]> {
  const { actor, now } = cmd;
  if (!hasRole(actor, 'STREET_ADMIN', 'DISTRICT_ADMIN', 'SYSTEM_ADMIN')) throw forbidden();
  const month = parseMonth(period);
  // A month that has not begun has nothing to freeze.
  if (month.start.getTime() > now.getTime()) throw badInput('period', 'period must not lie in the future');
  const scope = await requireOrg(em, scopeId, 'Scope');
  requireInScope(actor, scope);

  const out: FinalisedMonth[] = [];
  for (const firmId of await firmsManagingIn(em, scope)) {
    await lockFirm(em, firmId);
    await addToCounters(em, FirmMonthEntity, [{ keys: { firmId, month: month.key }, deltas: {} }]);
    const row = await em.findOneOrFail(FirmMonthEntity, { firmId, month: month.key }, { refresh: true });
    if (row.finalised) {
      out.push({ firmId, month: month.key, frozen: row.finalised });
      continue;
    }
    const figures = assess(row);
    const deductions = (await liveDeductions(em, [firmId], month.key)).get(firmId) ?? [];
    row.finalised = freeze(figures, deductions, now);

    await addToCounters(em, FirmStateEntity, [{ keys: { firmId }, deltas: {} }]);
    const state = await em.findOneOrFail(FirmStateEntity, { firmId }, { refresh: true });
    // currentGrade: the grade of the latest finalised month (months may be finalised out of order).
    if (!state.currentGradeMonth || state.currentGradeMonth <= month.key) {
      state.currentGrade = figures.grade;
      state.currentGradeMonth = month.key;
    }
    recordEvent(em, AssessmentFinalised, { firmId, period: month.key, score: figures.score, grade: figures.grade }, cmd.event);
    if (figures.grade === 'POOR') issueRectification(em, firmId, 'POOR_GRADE', now, cmd.event, month.key);
    out.push({ firmId, month: month.key, frozen: row.finalised });
  }
  return out;
}
