import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { conflict, forbidden, hasRole, notFound } from '@linli/platform';
import type { Command } from '@linli/subgraph-kit';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { organisationInScope, requireKind } from '../organisation/organisation.scope';
import { PairingEntity } from './pairing.entity';
import { PAIRABLE_KINDS, PAIRING_ROLES } from './pairing.rules';
import type { RegisterPairingInput } from './pairing.type';

/** Judged on the community it writes to; the department may lie outside the caller's scope. */
export async function registerPairing(em: EntityManager, cmd: Command, input: RegisterPairingInput): Promise<PairingEntity> {
  if (!hasRole(cmd.actor, ...PAIRING_ROLES)) throw forbidden();
  const community = await organisationInScope(em, cmd.actor, input.communityId, 'Community');
  requireKind(community, 'communityId', ['COMMUNITY']);
  const department = await em.findOne(OrganisationEntity, { id: input.departmentId });
  if (!department) throw notFound('Department');
  requireKind(department, 'departmentId', PAIRABLE_KINDS);
  if (await em.count(PairingEntity, { departmentId: department.id, communityId: community.id })) {
    throw conflict('The department is already paired with this community');
  }
  return em.create(PairingEntity, { id: randomUUID(), departmentId: department.id, communityId: community.id, since: input.since, createdAt: cmd.now });
}
