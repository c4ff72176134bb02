import type { EntityManager } from '@mikro-orm/core';
import { forbidden, hasRole, notFound, type Actor } from '@linli/platform';
import { orgInScope } from '@linli/subgraph-kit';
import { OrganisationEntity, ancestorsOf } from '../organisation/organisation.entity';
import { CompoundNodeEntity } from '../projection/territory.entity';
import { REGISTER_READERS, REGISTER_WRITERS } from './household.rules';

export interface PlacedCompound {
  compound: CompoundNodeEntity;
  community: OrganisationEntity;
  /** The community's ancestors, root first (events carry them). */
  communityAncestorIds: string[];
}

/** A compound with its community (NOT_FOUND when this subgraph does not know it yet). */
export async function placeCompound(em: EntityManager, compoundId: string): Promise<PlacedCompound> {
  const compound = await em.findOne(CompoundNodeEntity, { id: compoundId });
  if (!compound) throw notFound('Compound');
  const community = await em.findOne(OrganisationEntity, { id: compound.communityId });
  if (!community) throw notFound('Compound');
  return { compound, community, communityAncestorIds: ancestorsOf(community.path) };
}

export const communityInScope = (actor: Actor, community: OrganisationEntity) => orgInScope(actor, community.id, ancestorsOf(community.path));

/** Community staff, grid workers and admins of the compound's scope write the register; FORBIDDEN otherwise. */
export async function compoundForWrite(em: EntityManager, actor: Actor, compoundId: string): Promise<PlacedCompound> {
  if (!hasRole(actor, ...REGISTER_WRITERS)) throw forbidden();
  const placed = await placeCompound(em, compoundId);
  if (!communityInScope(actor, placed.community)) throw forbidden();
  return placed;
}

/** Staff and admins of the scope (and analysts) read a whole register; residents only their own households. */
export const readsWholeRegister = (actor: Actor, community: OrganisationEntity) =>
  hasRole(actor, ...REGISTER_READERS) && communityInScope(actor, community);
