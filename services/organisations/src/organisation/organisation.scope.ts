import type { EntityManager } from '@mikro-orm/core';
import { badInput, forbidden, notFound, type Actor } from '@linli/platform';
import { orgInScope } from '@linli/subgraph-kit';
import { OrganisationEntity, ancestorsOf } from './organisation.entity';

/** Loads an organisation a write targets; NOT_FOUND if missing, FORBIDDEN outside the caller's scope. */
export async function organisationInScope(em: EntityManager, actor: Actor, id: string, what = 'Organisation'): Promise<OrganisationEntity> {
  const org = await em.findOne(OrganisationEntity, { id });
  if (!org) throw notFound(what);
  if (!orgInScope(actor, org.id, ancestorsOf(org.path))) throw forbidden();
  return org;
}

export function requireKind(org: OrganisationEntity, field: string, kinds: readonly string[]): void {
  if (!kinds.includes(org.kind)) throw badInput(field, `${field} must be a ${kinds.join(' or ')}`);
}

/** The organisation and everything below it (one indexed prefix query on `path`). */
export function subtreeFilter(org: OrganisationEntity) {
  return { $or: [{ id: org.id }, { path: { $like: `${org.path}${org.id}/%` } }] };
}
