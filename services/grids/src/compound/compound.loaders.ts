import { byIds, findRows, groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { CompoundEntity, CompoundManagementEntity } from './compound.entity';
import { toCompound, toManagementTerm, type Compound, type CompoundManagementTerm } from './compound.type';

// Compounds and which firm manages them are public (contract): no scoping here.
// One query per relation per request, whatever the page size; compounds are
// read as plain rows (a firm ranking names a district's ~1,000 of them).

export const loadCompounds = (ctx: SubgraphContext, ids: readonly string[]) =>
  findRows(ctx.em, CompoundEntity, { id: { $in: [...ids] } }).then((rows) => byIds(ids, rows.map(toCompound)));

export const compoundById = (ctx: SubgraphContext, id: string): Promise<Compound | null> =>
  ctx.loaders.load('compound', id, (ids) => loadCompounds(ctx, ids));

const compoundsBy = (ctx: SubgraphContext, key: string, column: 'communityId' | 'propertyFirmId', id: string): Promise<Compound[]> =>
  ctx.loaders
    .load(key, id, async (ids) => {
      const rows = await findRows(ctx.em, CompoundEntity, { [column]: { $in: [...ids] } }, { orderBy: { name: 'asc', id: 'asc' } });
      return groupBy(ids, rows, (r) => r[column]!).map((list) => list.map(toCompound));
    })
    .then((list) => list ?? []);

/** The compounds a firm manages now (`Organisation.managedCompounds`). */
export const managedBy = (ctx: SubgraphContext, firmId: string) => compoundsBy(ctx, 'organisation.managedCompounds', 'propertyFirmId', firmId);

/** The compounds of a community (`Organisation.compounds`). */
export const compoundsOf = (ctx: SubgraphContext, communityId: string) => compoundsBy(ctx, 'organisation.compounds', 'communityId', communityId);

export const managementHistoryOf = (ctx: SubgraphContext, compoundId: string): Promise<CompoundManagementTerm[]> =>
  ctx.loaders
    .load('compound.history', compoundId, async (ids) => {
      const rows = await ctx.em.find(CompoundManagementEntity, { compoundId: { $in: [...ids] } }, { orderBy: { since: 'asc', id: 'asc' } });
      return groupBy(ids, rows.map(toManagementTerm), (t) => t.compoundId);
    })
    .then((list) => list ?? []);

/**
 * Terms started by an owners' vote in the compounds of a scope's communities,
 * newest first; `underReviewOnly` keeps the ones that replaced a firm with an
 * overdue rectification (the district dashboard's accountability loop).
 */
export async function firmReplacementsIn(ctx: SubgraphContext, communityIds: string[], underReviewOnly: boolean): Promise<CompoundManagementTerm[]> {
  if (!communityIds.length) return [];
  const compounds = await ctx.em.find(CompoundEntity, { communityId: { $in: communityIds } }, { fields: ['id'] });
  if (!compounds.length) return [];
  const rows = await ctx.em.find(
    CompoundManagementEntity,
    { compoundId: { $in: compounds.map((c) => c.id) }, proposalId: { $ne: null }, ...(underReviewOnly ? { replacedFirmUnderReview: true } : {}) },
    { orderBy: { since: 'desc', id: 'desc' }, limit: 500 },
  );
  return rows.map(toManagementTerm);
}
