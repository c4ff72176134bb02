import type { EntityManager } from '@mikro-orm/core';
import { forbidden, notFound, type Actor } from '@linli/platform';
import { orgAncestors, orgNodes } from '@linli/subgraph-kit';
import type { CompoundAccess } from '../proposal/proposal.access';
import { HouseholdEntity, HouseholdMemberEntity } from '../register/household.entity';
import { CompoundEntity } from './compound.entity';

export interface KnownCompound extends CompoundAccess {
  row: CompoundEntity;
}

/**
 * A compound as the who-may rules see it. The community's chain comes from
 * the organisation projection (it follows moves), falling back to the chain
 * the compound's last event carried.
 */
export async function compoundAccess(em: EntityManager, compoundId: string, what = 'Compound'): Promise<KnownCompound> {
  const row = await em.findOne(CompoundEntity, { id: compoundId });
  if (!row) throw notFound(what);
  const community = (await orgNodes(em, [row.communityId])).get(row.communityId);
  return {
    row,
    communityId: row.communityId,
    communityAncestorIds: orgAncestors(community?.path ?? row.communityPath),
    partyOrganisationId: row.partyOrganisationId,
    ownersCommitteeId: row.ownersCommitteeId,
    propertyFirmId: row.propertyFirmId,
    managementMode: row.managementMode,
  };
}

/** True when the caller is a current member of one of the compound's households (a resident reads its compound's proposals). */
export async function isResidentOf(em: EntityManager, actor: Actor, compoundId: string): Promise<boolean> {
  const memberships = await em.find(HouseholdMemberEntity, { personId: actor.personId, until: null });
  if (!memberships.length) return false;
  return (await em.count(HouseholdEntity, { id: { $in: memberships.map((m) => m.householdId) }, compoundId })) > 0;
}

/** FORBIDDEN unless `allowed` (a rejected write changes nothing). */
export function permit(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
