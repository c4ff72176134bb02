import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, checkName, checkPhone, checkText, conflict, forbidden, notFound } from '@linli/platform';
import { recordEvent, OrganisationCreated, OrganisationDeactivated, OrganisationMoved, OrganisationRenamed } from '@linli/events';
import { organisationInScope } from './organisation.scope';
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
    sequence: 1,
  }, cmd.event);
  return row;
}

export async function renameOrganisation(em: EntityManager, cmd: Command, id: string, newName: string): Promise<OrganisationEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const org = await organisationInScope(em, cmd.actor, id);
  org.name = checkName('name', newName);
  recordEvent(em, OrganisationRenamed, { organisationId: org.id, name: org.name, sequence: org.version + 1 }, cmd.event);
  return org;
}

/**
 * Moves an organisation (and its subtree) under another parent. Both ends must
 * be in the caller's scope; the new parent may not lie inside the moved
 * subtree (no cycles); the kind must fit its new parent.
 */
export async function moveOrganisation(em: EntityManager, cmd: Command, id: string, parentId: string): Promise<OrganisationEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const org = await organisationInScope(em, cmd.actor, id);
  const parent = await organisationInScope(em, cmd.actor, parentId, 'Parent organisation');
  const ownPrefix = `${org.path}${org.id}/`;
  if (parent.id === org.id || `${parent.path}${parent.id}/`.startsWith(ownPrefix)) {
    throw badInput('parentId', 'An organisation cannot move under itself or its own descendants');
  }
  checkPlacement(org.kind, parent.kind);
  const ancestorIds = childPath({ id: parent.id, ancestorIds: ancestorsOf(parent.path) });
  const newPrefix = `${pathOf(ancestorIds)}${org.id}/`;
  // Descendants keep their place below the moved organisation; only the prefix changes.
  for (const d of await em.find(OrganisationEntity, { path: { $like: `${ownPrefix}%` } })) d.path = newPrefix + d.path.slice(ownPrefix.length);
  org.parentId = parent.id;
  org.path = pathOf(ancestorIds);
  recordEvent(em, OrganisationMoved, { organisationId: org.id, parentId: parent.id, ancestorIds, sequence: org.version + 1 }, cmd.event);
  return org;
}

/**
 * `deactivateOrganisation`: admins of the parent's scope (a root only by a
 * system admin); an organisation with active children cannot be deactivated
 * (CONFLICT): they would be orphaned.
 */
export async function deactivateOrganisation(em: EntityManager, cmd: Command, id: string, reason: string): Promise<OrganisationEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const org = await em.findOne(OrganisationEntity, { id });
  if (!org) throw notFound('Organisation');
  const judgedOn = org.parentId ? await em.findOne(OrganisationEntity, { id: org.parentId }) : null;
  if (judgedOn ? !orgInScope(cmd.actor, judgedOn.id, ancestorsOf(judgedOn.path)) : !cmd.actor.roles.has('SYSTEM_ADMIN')) throw forbidden();
  const why = checkText('reason', reason, { required: true, max: 2000 })!;
  if (org.deactivatedAt) throw conflict('The organisation is already deactivated');
  if (await em.count(OrganisationEntity, { parentId: org.id, deactivatedAt: null })) throw conflict('The organisation has active children');
  org.deactivatedAt = cmd.now;
  org.deactivationReason = why;
  recordEvent(em, OrganisationDeactivated, { organisationId: org.id, reason: why }, cmd.event);
  return org;
}
