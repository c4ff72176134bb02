import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, badInput, conflict, forbidden, hasRole, monthOf, notFound } from '@linli/platform';
import type { Command } from '@linli/subgraph-kit';
import { CompoundEntity } from '../compound/compound.entity';
import { FirmMonthEntity } from '../assessment/firm-month.entity';
import { requireInScope, requireOrg } from '../shared/org-scope';
import { addToFirmMonths } from '../assessment/firm-month.counters';
import { lockFirm } from '../rectification/rectification.service';
import { InspectionEntity } from './inspection.entity';
import type { RecordInspectionInput } from './inspection.input';
import { checkInspectionTime, checkItems, inspectionScoreOf } from './inspection.rules';

/**
 * Records an inspection. Contract: community staff and admins, judged on the
 * compound written to (its community must be in the caller's scope); the
 * firm is merely referenced and may lie outside it, but it must be the
 * compound's firm (an inspection rates the firm's service there).
 */
export async function recordInspection(em: EntityManager, cmd: Command, input: RecordInspectionInput): Promise<InspectionEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const items = checkItems(input.items);
  const at = checkInspectionTime(input.at ?? now, now);

  const compound = await em.findOne(CompoundEntity, { id: input.compoundId });
  if (!compound) throw notFound('Compound');
  requireInScope(actor, await requireOrg(em, compound.communityId, 'Community'));
  if (compound.propertyFirmId !== input.firmId) throw badInput('firmId', 'firmId must be the property firm that manages the compound');

  const month = monthOf(at);
  await lockFirm(em, input.firmId);
  const frozen = await em.findOne(FirmMonthEntity, { firmId: input.firmId, month, finalised: { $ne: null } });
  if (frozen) throw conflict(`The assessment of ${month} is finalised for this firm`);

  const score = inspectionScoreOf(items);
  const row = em.create(InspectionEntity, {
    id: randomUUID(),
    firmId: input.firmId,
    compoundId: compound.id,
    communityId: compound.communityId,
    at,
    month,
    score,
    items,
    inspectorId: actor.personId,
    createdAt: now,
  });
  await addToFirmMonths(em, [{ firmId: input.firmId, month, counters: { inspections: 1, inspectionScoreSum: score } }], cmd.event);
  return row;
}
