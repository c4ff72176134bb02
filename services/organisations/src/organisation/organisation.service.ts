import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { checkName, checkPhone, checkText, conflict, forbidden, notFound } from '@linli/platform';
import { recordEvent, OrganisationCreated } from '@linli/events';
import { orgInScope, type Command } from '@linli/subgraph-kit';
import { ADMIN_ROLES, hasRole } from '@linli/platform';
import { OrganisationEntity, ancestorsOf, pathOf } from './organisation.entity';
import { checkCreditCode, checkPlacement, childPath } from './organisation.rules';
import type { CreateOrganisationInput } from './organisation.input';

/**
 * Creates an organisation under a parent in the caller's scope (a write is
 * judged on the organisation it writes to: the parent). Only a system admin
 * may create a root district. The row and its event commit together.
 */
export async function createOrganisation(em: EntityManager, cmd: Command, input: CreateOrganisationInput): Promise<OrganisationEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const name = checkName('name', input.name);
  const creditCode = checkCreditCode(input.kind, input.creditCode);
  const contactPhone = input.contactPhone ? checkPhone('contactPhone', input.contactPhone) : null;
  const address = checkText('address', input.address, { max: 200 });

  let parent: OrganisationEntity | null = null;
  if (input.parentId) {
    parent = await em.findOne(OrganisationEntity, { id: input.parentId });
    if (!parent) throw notFound('Parent organisation');
    if (!orgInScope(actor, parent.id, ancestorsOf(parent.path))) throw forbidden();
  } else if (!actor.roles.has('SYSTEM_ADMIN')) {
    throw forbidden('Only a system admin may create a root organisation');
  }
  checkPlacement(input.kind, parent?.kind ?? null);
  if (creditCode && (await em.count(OrganisationEntity, { creditCode }))) {
    throw conflict('An organisation with this credit code is already registered');
  }

  const ancestorIds = childPath(parent ? { id: parent.id, ancestorIds: ancestorsOf(parent.path) } : null);
  const row = em.create(OrganisationEntity, {
    id: randomUUID(),
    name,
    kind: input.kind,
    parentId: parent?.id ?? null,
    path: pathOf(ancestorIds),
    creditCode,
    contactPhone,
    address,
    createdAt: now,
  });
  recordEvent(em, OrganisationCreated, {
    organisationId: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    ancestorIds,
  }, cmd.event);
  return row;
}
