import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, badInput, checkName, conflict, forbidden, hasRole, notFound } from '@linli/platform';
import { GridCreated, GridMoved, GridRetired, GridUpdated, recordEvent } from '@linli/events';
import { countChange, flushOrConflict, requireActiveOrg, type Command } from '@linli/subgraph-kit';
import { cellsOf } from '../geo/cells.rules';
import { checkBoundary, ringFromPairs, ringToPairs, ringWithin } from '../geo/geo.rules';
import { CompoundEntity } from '../compound/compound.entity';
import { communityInScope, districtIdOf, requireCommunityInScope } from '../organisation/organisation.scope';
import { GridCellEntity, GridEntity } from './grid.entity';
import { gridState } from './grid.events';
import { checkCount, checkGridCode, checkGridNesting, gridAncestors, gridChanges, gridCompound, gridPath, retireProblem } from './grid.rules';
import type { CreateGridInput, UpdateGridInput } from './grid.input';
import { GridStaffEntity } from '../staff/staff.entity';

/**
 * Creates a grid in a community of the caller's scope (administration roles),
 * checked before anything is written: inputs, nesting of levels, the parent
 * and compound in the same community, the boundary inside the parent's, the
 * code unused in the district. The row, its cells and GridCreated commit together.
 */
export async function createGrid(em: EntityManager, cmd: Command, input: CreateGridInput): Promise<GridEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const code = checkGridCode(input.code);
  const name = checkName('name', input.name);
  const households = checkCount('households', input.households);
  const residents = checkCount('residents', input.residents);
  const ring = input.boundary ? checkBoundary(input.boundary) : null;

  // A deactivated community takes no new grids (its existing ones stay readable).
  const community = requireActiveOrg(await communityInScope(em, actor, input.communityId), 'communityId');
  let parent: GridEntity | null = null;
  if (input.parentId) {
    parent = await em.findOne(GridEntity, { id: input.parentId });
    if (!parent) throw notFound('Parent grid');
    if (parent.communityId !== community.id) throw badInput('parentId', 'The parent grid belongs to another community');
  }
  checkGridNesting(input.level, parent?.level ?? null);
  const compoundId = gridCompound(parent?.compoundId ?? null, input.compoundId);
  if (compoundId && compoundId !== parent?.compoundId) {
    const compound = await em.findOne(CompoundEntity, { id: compoundId });
    if (!compound) throw notFound('Compound');
    if (compound.communityId !== community.id) throw badInput('compoundId', 'The compound belongs to another community');
  }
  if (ring && parent?.boundary && !ringWithin(ring, ringFromPairs(parent.boundary))) {
    throw badInput('boundary', 'The boundary must lie inside the parent grid’s boundary');
  }
  const districtId = districtIdOf(community);
  const taken = `Grid code ${code} is already used in the district`;
  if (await em.count(GridEntity, { districtId, code })) throw conflict(taken);

  const row = em.create(GridEntity, {
    id: randomUUID(),
    code,
    name,
    level: input.level,
    districtId,
    communityId: community.id,
    compoundId,
    parentId: parent?.id ?? null,
    path: parent ? gridPath([...gridAncestors(parent.path), parent.id]) : '/',
    households,
    residents,
    boundary: ring ? ringToPairs(ring) : null,
    createdAt: now,
  });
  if (ring) for (const cell of cellsOf(ring)) em.create(GridCellEntity, { ...cell, gridId: row.id });
  recordEvent(em, GridCreated, gridState(row, community), cmd.event);
  await flushOrConflict(em, taken);
  return row;
}

/**
 * Moves a grid under another parent of its community (or to the top level).
 * Levels must still nest, the boundary must lie inside the new parent's, and
 * a grid never changes compound by moving: under a compound's grid only that
 * compound's grids may sit. Descendants keep their place below it; their
 * stored chains follow, and GridMoved (for the moved grid only) lets other
 * services re-derive theirs.
 */
export async function moveGrid(em: EntityManager, cmd: Command, id: string, parentId: string | null | undefined): Promise<GridEntity> {
  const { actor } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const grid = await em.findOne(GridEntity, { id });
  if (!grid) throw notFound('Grid');
  const community = await requireCommunityInScope(em, actor, grid.communityId);
  let parent: GridEntity | null = null;
  if (parentId) {
    parent = await em.findOne(GridEntity, { id: parentId });
    if (!parent) throw notFound('Parent grid');
    if (parent.communityId !== grid.communityId) throw badInput('parentId', 'The parent grid belongs to another community');
  }
  if ((parent?.id ?? null) === grid.parentId) return grid;
  checkGridNesting(grid.level, parent?.level ?? null);
  if (parent?.compoundId && parent.compoundId !== grid.compoundId) throw badInput('parentId', 'The parent grid lies in another compound');
  if (grid.boundary && parent?.boundary && !ringWithin(ringFromPairs(grid.boundary), ringFromPairs(parent.boundary))) {
    throw badInput('parentId', 'The grid’s boundary does not lie inside the new parent grid’s boundary');
  }

  const oldPrefix = `${grid.path}${grid.id}/`;
  grid.parentId = parent?.id ?? null;
  grid.path = parent ? gridPath([...gridAncestors(parent.path), parent.id]) : '/';
  const newPrefix = `${grid.path}${grid.id}/`;
  // Descendants lie in the same community: the community index narrows, the path selects.
  const descendants = await em.find(GridEntity, { communityId: grid.communityId, path: { $like: `${oldPrefix}%` } });
  for (const d of descendants) {
    d.path = newPrefix + d.path.slice(oldPrefix.length);
    // Their chains changed too (announced by the move): a concurrent change of one must not announce the old chain.
    await countChange(em, d);
  }
  await countChange(em, grid);
  recordEvent(em, GridMoved, gridState(grid, community), cmd.event);
  return grid;
}

/**
 * Changes a grid's name, counts or boundary by the rules of createGrid, in the
 * scope of its community. Its level, compound and place never change here.
 * A new boundary lies inside the parent's and around every child's, and the
 * spatial index follows it. GridUpdated lets projections rename their copies.
 */
export async function updateGrid(em: EntityManager, cmd: Command, id: string, input: UpdateGridInput): Promise<GridEntity> {
  if (!hasRole(cmd.actor, ...ADMIN_ROLES)) throw forbidden();
  const changes = gridChanges(input);
  const ring = input.boundary ? checkBoundary(input.boundary) : null;
  const grid = await em.findOne(GridEntity, { id });
  if (!grid) throw notFound('Grid');
  const community = await requireCommunityInScope(em, cmd.actor, grid.communityId);
  if (ring) {
    const parent = grid.parentId ? await em.findOne(GridEntity, { id: grid.parentId }) : null;
    if (parent?.boundary && !ringWithin(ring, ringFromPairs(parent.boundary))) {
      throw badInput('boundary', 'The boundary must lie inside the parent grid’s boundary');
    }
    const children = await em.find(GridEntity, { communityId: grid.communityId, parentId: grid.id });
    if (children.some((c) => c.boundary && !ringWithin(ringFromPairs(c.boundary), ring))) {
      throw badInput('boundary', 'The boundary must enclose every child grid’s boundary');
    }
  }
  em.assign(grid, changes);
  if (ring) {
    grid.boundary = ringToPairs(ring);
    await em.nativeDelete(GridCellEntity, { gridId: grid.id });
    // A retired grid stays out of the spatial index (gridAt never finds it).
    if (!grid.retiredAt) for (const cell of cellsOf(ring)) em.create(GridCellEntity, { ...cell, gridId: grid.id });
  }
  await countChange(em, grid);
  recordEvent(em, GridUpdated, gridState(grid, community), cmd.event);
  return grid;
}

/**
 * Retires a grid (contract): CONFLICT while it has active child grids or
 * active staff. Its cells leave the spatial index, so gridAt no longer finds
 * it; the row stays readable. GridRetired tells tickets to take no new tickets on it.
 */
export async function retireGrid(em: EntityManager, cmd: Command, id: string): Promise<GridEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const grid = await em.findOne(GridEntity, { id });
  if (!grid) throw notFound('Grid');
  const community = await requireCommunityInScope(em, actor, grid.communityId);
  // One transaction, one connection: counted one after the other.
  const children = await em.count(GridEntity, { communityId: grid.communityId, parentId: grid.id, retiredAt: null });
  const staff = await em.count(GridStaffEntity, { gridId: grid.id, until: null });
  const problem = retireProblem(!!grid.retiredAt, children, staff);
  if (problem) throw conflict(problem);
  grid.retiredAt = now;
  await em.nativeDelete(GridCellEntity, { gridId: grid.id });
  await countChange(em, grid);
  recordEvent(em, GridRetired, { ...gridState(grid, community), retiredAt: now.toISOString() }, cmd.event);
  return grid;
}
