import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, badInput, checkText, forbidden, hasRole, notFound, parsePeriod, type Actor } from '@linli/platform';
import type { Command } from '@linli/subgraph-kit';
import { GridEntity } from '../grid/grid.entity';
import { gridAncestors } from '../grid/grid.rules';
import { communityInScope, requireCommunityInScope, SCOPED_READERS } from '../organisation/organisation.scope';
import { GridStaffEntity } from '../staff/staff.entity';
import { checkPersonId } from '../staff/staff.rules';
import { VisitEntity } from './visit.entity';
import { checkHouseholdsVisited, checkVisitTime, compliance, type ComplianceRow } from './visit.rules';
import type { RecordVisitInput } from './visit.type';

/**
 * Records a visit. A GRID_WORKER records its own visits, on a grid of its
 * scope where it holds an active assignment (on the grid or on a grid above
 * it: a leader's area covers the grids below). Staff and admins of the scope
 * may enter a visit for an assigned worker (`visitorId`), or their own when
 * they are assigned themselves. Everyone else: FORBIDDEN.
 */
export async function recordVisit(em: EntityManager, cmd: Command, input: RecordVisitInput): Promise<VisitEntity> {
  const { actor, now } = cmd;
  const admin = hasRole(actor, ...ADMIN_ROLES);
  if (!admin && !hasRole(actor, 'GRID_WORKER')) throw forbidden();
  const visitorId = input.visitorId ? checkPersonId('visitorId', input.visitorId) : actor.personId;
  // Contract: a grid worker records its own visits.
  if (visitorId !== actor.personId && !admin) throw forbidden('Grid workers record their own visits only');
  const at = checkVisitTime(input.at, now);
  const householdsVisited = checkHouseholdsVisited(input.householdsVisited);
  const notes = checkText('notes', input.notes) || null;

  const grid = await em.findOne(GridEntity, { id: input.gridId });
  if (!grid) throw notFound('Grid');
  await requireCommunityInScope(em, actor, grid.communityId);
  const covering = [grid.id, ...gridAncestors(grid.path)];
  const assigned = await em.count(GridStaffEntity, { personId: visitorId, gridId: { $in: covering }, until: null });
  if (!assigned) {
    if (visitorId === actor.personId && !admin) throw forbidden('You are not assigned to this grid');
    throw badInput('visitorId', 'The visitor holds no active assignment on this grid or a grid above it');
  }
  return em.create(VisitEntity, {
    id: randomUUID(),
    gridId: grid.id,
    communityId: grid.communityId,
    visitorId,
    recordedById: actor.personId,
    at,
    householdsVisited,
    notes,
    createdAt: now,
  });
}

/** Contract `visitCompliance(communityId, month)`: scoped readers of the community's scope. */
export async function visitCompliance(em: EntityManager, actor: Actor, now: Date, communityId: string, month: string): Promise<ComplianceRow[]> {
  if (!hasRole(actor, ...SCOPED_READERS)) throw forbidden();
  const period = parsePeriod(month, ['MONTH'], 'month');
  const community = await communityInScope(em, actor, communityId);
  // Three indexed queries for the whole community, whatever its size.
  const assignments = await em.find(GridStaffEntity, { communityId: community.id }, { orderBy: { gridId: 'asc', role: 'asc', since: 'asc', id: 'asc' } });
  const visits = await em.find(VisitEntity, { communityId: community.id, at: { $gte: period.start, $lt: period.end } });
  const grids = await em.find(GridEntity, { communityId: community.id });
  const byId = new Map(grids.map((g) => [g.id, g]));
  const rows = compliance(period, now, assignments, visits, (gridId) => gridAncestors(byId.get(gridId)?.path ?? '/'));
  // Grid by code, then the roster order of the grid.
  const code = (id: string) => byId.get(id)?.code ?? '';
  return rows.sort((a, b) => code(a.assignment.gridId).localeCompare(code(b.assignment.gridId)));
}
