import type { FilterQuery } from '@mikro-orm/core';
import { checkPageSize } from '@linli/platform';
import { byIds, decodeCursor, keysetPast, groupBy, placeholders, sqlRows, toPage, type SubgraphContext } from '@linli/subgraph-kit';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { PersonEntity } from '../person/person.entity';
import { CompoundNodeEntity } from '../projection/territory.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { areaNumber, isPartyMemberHousehold } from './household.rules';
import { readsWholeRegister } from './household.scope';
import { toHousehold, type Household, type HouseholdRegister } from './household.type';

/** Memberships of a batch of households (all, history included), oldest first: one query per request. */
export const membershipsOf = (ctx: SubgraphContext, householdId: string) =>
  ctx.loaders
    .load('household.members', householdId, async (ids) => {
      const rows = await ctx.em.find(HouseholdMemberEntity, { householdId: { $in: [...ids] } }, { orderBy: { since: 'asc', createdAt: 'asc', id: 'asc' } });
      return groupBy(ids, rows, (r) => r.householdId);
    })
    .then((rows) => rows ?? []);

/** Party membership of the people of a page (unscoped: it only derives 党员中心户, it is not shown). */
export const isPartyMember = (ctx: SubgraphContext, personId: string) =>
  ctx.loaders.load('person.partyMember', personId, async (ids) => {
    const rows = await ctx.em.find(PersonEntity, { id: { $in: [...ids] } }, { fields: ['id', 'partyMember'] });
    const byId = new Map(rows.map((r) => [r.id, r.partyMember]));
    return ids.map((id) => byId.get(id) ?? false);
  });

export async function partyMemberHousehold(ctx: SubgraphContext, householdId: string): Promise<boolean> {
  const current = (await membershipsOf(ctx, householdId)).filter((m) => m.until === null);
  const flags = await Promise.all(current.map((m) => isPartyMember(ctx, m.personId)));
  return isPartyMemberHousehold(flags.map((f) => ({ partyMember: !!f })));
}

/** Who reads a household: the register's readers of its scope, or one of its current members. */
async function readerFilter(ctx: SubgraphContext, communityId: string): Promise<FilterQuery<HouseholdEntity> | null> {
  const community = await ctx.em.findOne(OrganisationEntity, { id: communityId });
  if (community && readsWholeRegister(ctx.actor, community)) return {};
  const own = await ctx.em.find(HouseholdMemberEntity, { personId: ctx.actor.personId, until: null }, { fields: ['householdId'] });
  return own.length ? { id: { $in: own.map((m) => m.householdId) } } : null;
}

/**
 * Households as the caller may read them (null where it may not: nothing
 * leaks), in the order of `ids`: one query for the rows, one for their
 * communities and, only when some community's register is not the caller's
 * to read, one for the caller's own memberships among them. The `Household`
 * reference resolver hands a whole `_entities` batch here.
 */
export async function loadVisibleHouseholds(ctx: SubgraphContext, ids: readonly string[]): Promise<(Household | null)[]> {
  const rows = ids.length ? await ctx.em.find(HouseholdEntity, { id: { $in: [...new Set(ids)] } }) : [];
  const communityIds = [...new Set(rows.map((r) => r.communityId))];
  const communities = communityIds.length ? await ctx.em.find(OrganisationEntity, { id: { $in: communityIds } }) : [];
  const wholeRegister = new Set(communities.filter((c) => readsWholeRegister(ctx.actor, c)).map((c) => c.id));
  const others = rows.filter((r) => !wholeRegister.has(r.communityId)).map((r) => r.id);
  const own = others.length
    ? new Set((await ctx.em.find(HouseholdMemberEntity, { personId: ctx.actor.personId, until: null, householdId: { $in: others } }, { fields: ['householdId'] })).map((m) => m.householdId))
    : new Set<string>();
  return byIds(ids, rows).map((row) => (row && (wholeRegister.has(row.communityId) || own.has(row.id)) ? toHousehold(row) : null));
}

/** One household as the caller may read it (batched with the request's other lookups). */
export const visibleHousehold = (ctx: SubgraphContext, id: string) => ctx.loaders.load('household.visible', id, (ids) => loadVisibleHouseholds(ctx, ids));

/**
 * `Compound.register`: the whole register for its readers, the caller's own
 * households for a resident member, null for anyone else. Newest first,
 * keyset pages; count and area in one aggregate over an indexed column.
 */
export async function compoundRegister(ctx: SubgraphContext, compoundId: string, first?: number | null, after?: string | null): Promise<HouseholdRegister | null> {
  const size = checkPageSize(first);
  const cursor = decodeCursor(after);
  const compound = await ctx.em.findOne(CompoundNodeEntity, { id: compoundId });
  if (!compound) return null;
  const visible = await readerFilter(ctx, compound.communityId);
  if (!visible) return null;
  const where: FilterQuery<HouseholdEntity> = { $and: [{ compoundId }, visible] };
  const own = (visible as { id?: { $in: string[] } }).id?.$in ?? null;
  const [totals] = await sqlRows<{ n: string | number; area: string | number }>(
    ctx.em,
    `select count(*) as n, coalesce(sum(area_hundredths), 0) as area from household where compound_id = ?${own ? ` and id in (${placeholders(own.length)})` : ''}`,
    [compoundId, ...(own ?? [])],
  );
  const page = cursor ? { $and: [where, keysetPast<HouseholdEntity>(ctx.em, cursor)] } : where;
  const rows = await ctx.em.find(HouseholdEntity, page, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 });
  return { ...toPage(rows, size, Number(totals.n), toHousehold), totalAreaSqm: areaNumber(Number(totals.area)) };
}
