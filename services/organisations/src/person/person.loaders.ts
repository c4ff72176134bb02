import type { EntityManager } from '@mikro-orm/core';
import { cstDateOf, type Actor } from '@linli/platform';
import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { OrganisationEntity, ancestorsOf } from '../organisation/organisation.entity';
import { PersonAffiliationEntity, PersonEntity } from './person.entity';
import { inForce } from './person.affiliations';
import { personInScope, visiblePhone, type PlacedAffiliation } from './person.rules';
import { Person } from './person.type';

/** Affiliations of these people with their organisations' ancestor paths: two queries for any number of people. */
export async function placedAffiliations(em: EntityManager, personIds: readonly string[], today: string): Promise<Map<string, PlacedAffiliation[]>> {
  // Only affiliations in force: an ended post, assignment or dispatch no longer widens who sees the person.
  const rows = (await em.find(PersonAffiliationEntity, { personId: { $in: [...personIds] } })).filter((r) => inForce(r, today));
  const orgIds = [...new Set(rows.map((r) => r.organisationId))];
  const orgs = orgIds.length ? await em.find(OrganisationEntity, { id: { $in: orgIds } }, { fields: ['id', 'path'] }) : [];
  const paths = new Map(orgs.map((o) => [o.id, ancestorsOf(o.path)]));
  const grouped = groupBy(personIds, rows, (r) => r.personId);
  return new Map(
    personIds.map((id, i) => [id, grouped[i].map((r) => ({ organisationId: r.organisationId, ancestorIds: paths.get(r.organisationId) ?? [] }))]),
  );
}

/** The person as this caller may see them: null outside their scope (nothing leaks), phone masked per the contract. */
export function toVisiblePerson(actor: Actor, row: PersonEntity, affiliations: readonly PlacedAffiliation[]): Person | null {
  if (!personInScope(actor, row.id, affiliations)) return null;
  const phone = visiblePhone(actor, row.id, row.phone, affiliations);
  return Object.assign(new Person(), { id: row.id, name: row.name, phone, phoneWhole: phone === row.phone, partyMember: row.partyMember });
}

export async function loadVisiblePeople(ctx: SubgraphContext, ids: readonly string[]): Promise<(Person | null)[]> {
  const rows = await ctx.em.find(PersonEntity, { id: { $in: [...ids] } });
  const affiliations = await placedAffiliations(ctx.em, rows.map((r) => r.id), cstDateOf(ctx.now()));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    return row ? toVisiblePerson(ctx.actor, row, affiliations.get(id) ?? []) : null;
  });
}

export const personById = (ctx: SubgraphContext, id: string) => ctx.loaders.load('person', id, (ids) => loadVisiblePeople(ctx, ids));
