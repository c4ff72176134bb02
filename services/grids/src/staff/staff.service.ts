import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, conflict, forbidden, hasRole, notFound } from '@linli/platform';
import { GridStaffAssigned, GridStaffUnassigned, recordEvent, type GridStaffV1 } from '@linli/events';
import { requirePersonInScope, type Command } from '@linli/subgraph-kit';
import { GridEntity } from '../grid/grid.entity';
import { requireCommunityInScope } from '../organisation/organisation.scope';
import { GridStaffEntity } from './staff.entity';
import { checkPersonId } from './staff.rules';
import type { AssignGridStaffInput } from './staff.type';

const staffEvent = (row: GridStaffEntity): GridStaffV1 => ({
  assignmentId: row.id,
  gridId: row.gridId,
  personId: row.personId,
  role: row.role,
  communityId: row.communityId,
});

/**
 * Assigns a person to a grid in a role (administration roles, the grid's
 * community in scope). A person holds a role on a grid once at a time.
 * The person is the organisations subgraph's: checked against this service's
 * copy of where people are placed (PersonPlaced events).
 */
export async function assignGridStaff(em: EntityManager, cmd: Command, input: AssignGridStaffInput): Promise<GridStaffEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const personId = checkPersonId('personId', input.personId);
  const grid = await em.findOne(GridEntity, { id: input.gridId });
  if (!grid) throw notFound('Grid');
  await requireCommunityInScope(em, actor, grid.communityId);
  // Naming a person requires them in the caller's scope already (contract
  // correction): the assignment would otherwise pull them into the community's.
  await requirePersonInScope(em, actor, personId);
  if (await em.count(GridStaffEntity, { gridId: grid.id, personId, role: input.role, until: null })) {
    throw conflict('The person already holds this role on the grid');
  }
  const row = em.create(GridStaffEntity, {
    id: randomUUID(),
    gridId: grid.id,
    personId,
    role: input.role,
    communityId: grid.communityId,
    since: now,
    until: null,
  });
  recordEvent(em, GridStaffAssigned, staffEvent(row), cmd.event);
  return row;
}

/** Ends an assignment now; it stays in the history (`Grid.staff(includeEnded: true)`). */
export async function unassignGridStaff(em: EntityManager, cmd: Command, id: string): Promise<GridStaffEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const row = await em.findOne(GridStaffEntity, { id });
  // Assignments are scoped: an unknown id and one outside the scope look alike.
  if (!row) throw forbidden();
  await requireCommunityInScope(em, actor, row.communityId);
  if (row.until !== null) throw conflict('The assignment has already ended');
  row.until = now;
  recordEvent(em, GridStaffUnassigned, staffEvent(row), cmd.event);
  return row;
}
