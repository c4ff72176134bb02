import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ADMIN_ROLES, badInput, checkName, conflict, forbidden, hasRole, notFound } from '@linli/platform';
import { nodeInScope, orgNodes, type Command } from '@linli/subgraph-kit';
import { GridEntity } from './grid.entity';
import { checkCount, checkGridCode, checkGridNesting } from './grid.rules';
import type { CreateGridInput } from './grid.input';

/** Creates a grid in a community of the caller's scope; the community is known from the organisation events. */
export async function createGrid(em: EntityManager, { actor, now }: Command, input: CreateGridInput): Promise<GridEntity> {
  if (!hasRole(actor, ...ADMIN_ROLES)) throw forbidden();
  const code = checkGridCode(input.code);
  const name = checkName('name', input.name);
  const households = checkCount('households', input.households);
  const residents = checkCount('residents', input.residents);

  const community = (await orgNodes(em, [input.communityId])).get(input.communityId);
  if (!community) throw notFound('Community');
  if (!nodeInScope(actor, community)) throw forbidden();
  if (community.kind !== 'COMMUNITY') throw badInput('communityId', 'communityId must be a COMMUNITY');

  let parent: GridEntity | null = null;
  if (input.parentId) {
    parent = await em.findOne(GridEntity, { id: input.parentId });
    if (!parent) throw notFound('Parent grid');
    if (parent.communityId !== community.id) throw badInput('parentId', 'The parent grid belongs to another community');
  }
  checkGridNesting(input.level, parent?.level ?? null);
  if (await em.count(GridEntity, { code })) throw conflict(`Grid code ${code} is already used`);

  return em.create(GridEntity, {
    id: randomUUID(),
    code,
    name,
    level: input.level,
    communityId: community.id,
    parentId: parent?.id ?? null,
    households,
    residents,
    createdAt: now,
  });
}
