import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, badInput, conflict, forbidden, hasRole, notFound } from '@linli/platform';
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
  if (await em.count(PairingEntity, { departmentId: department.id, communityId: community.id, until: null })) {
    throw conflict('The department is already paired with this community');
  }
  return em.create(PairingEntity, { id: randomUUID(), departmentId: department.id, communityId: community.id, since: input.since, createdAt: cmd.now });
}

/** `pairings(communityId)`: current and ended, newest first; staff and admins of the community's scope. */
export async function listPairings(em: EntityManager, cmd: Pick<Command, 'actor'>, communityId: string): Promise<PairingEntity[]> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const community = await organisationInScope(em, cmd.actor, communityId, 'Community');
  return em.find(PairingEntity, { communityId: community.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

/** `endPairing`: street and district admins of the community's scope; `until` on or after `since`; once. */
export async function endPairing(em: EntityManager, cmd: Command, id: string, until: string): Promise<PairingEntity> {
  if (!hasRole(cmd.actor, ...PAIRING_ROLES)) throw forbidden();
  const pairing = await em.findOne(PairingEntity, { id });
  if (!pairing) throw notFound('Pairing');
  await organisationInScope(em, cmd.actor, pairing.communityId, 'Community');
  if (pairing.until) throw conflict('The pairing has already ended');
  if (until < pairing.since) throw badInput('until', 'until must not be before since');
  pairing.until = until;
  return pairing;
}
