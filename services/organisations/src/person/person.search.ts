import { raw, type FilterQuery } from '@mikro-orm/core';
import { badInput, checkPageSize, forbidden, hasRole } from '@linli/platform';
import { decodeCursor, keysetPast, toPage, type Page, type SubgraphContext } from '@linli/subgraph-kit';
import { organisationInScope } from '../organisation/organisation.scope';
import { PersonEntity } from './person.entity';
import { loadVisiblePeople } from './person.loaders';
import type { Person } from './person.type';

/** Staff and admins search people (contract "people(scopeId, query)"); handler staff and analysts do not. */
export const PEOPLE_SEARCHERS = ['SYSTEM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER'] as const;

/** What a query means: name contains it; when it is 4+ digits, also a phone ending with it. */
export function searchTerms(query: string): { name: string; phoneSuffix: string | null } {
  const q = query.trim();
  if (q.length < 1 || q.length > 100) throw badInput('query', 'query must be 1–100 characters');
  return { name: q, phoneSuffix: /^\d{4,}$/.test(q) ? q : null };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `people(scopeId, query)`: people affiliated with the scope's subtree whose
 * name contains the query or whose phone ends with it. The scope is a
 * semi-join on person_affiliation (indexed by organisation) and organisation
 * paths (indexed); the phone suffix an equality on the indexed `phone_tail`.
 * Newest first, keyset pages; phones masked per the personal-data rule.
 */
export async function searchPeople(ctx: SubgraphContext, scopeId: string, query: string, first?: number | null, after?: string | null): Promise<Page<Person>> {
  if (!hasRole(ctx.actor, ...PEOPLE_SEARCHERS)) throw forbidden();
  const size = checkPageSize(first);
  const cursor = decodeCursor(after);
  const terms = searchTerms(query);
  const scope = await organisationInScope(ctx.em, ctx.actor, scopeId, 'Scope');
  const subtree = `${scope.path}${scope.id}/%`;
  // A raw fragment is consumed by the query that uses it: one condition per query.
  const inScope = () => ({
    [raw(
      (alias) =>
        `exists (select 1 from person_affiliation pa join organisation o on o.id = pa.organisation_id where pa.person_id = ${alias}.id and (o.id = ? or o.path like ?))`,
      [scope.id, subtree],
    )]: [],
  }) as FilterQuery<PersonEntity>;
  const matches: FilterQuery<PersonEntity>[] = [{ name: { $like: `%${likeEscape(terms.name)}%` } }];
  if (terms.phoneSuffix) matches.push({ phoneTail: terms.phoneSuffix.slice(-4), phone: { $like: `%${likeEscape(terms.phoneSuffix)}` } });
  const where = (): FilterQuery<PersonEntity> => ({ $and: [inScope(), { $or: matches }] });
  const page = cursor ? { $and: [where(), keysetPast<PersonEntity>(ctx.em, cursor)] } : where();
  const rows = await ctx.em.find(PersonEntity, page, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1, fields: ['id', 'createdAt'] });
  const total = await ctx.em.count(PersonEntity, where());
  const visible = await loadVisiblePeople(ctx, rows.slice(0, size).map((r) => r.id));
  const byId = new Map(visible.filter((p): p is Person => !!p).map((p) => [p.id, p]));
  const page1 = toPage(rows, size, total, (r) => byId.get(r.id)!);
  return { ...page1, edges: page1.edges.filter((e) => e.node) };
}
