import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Grid } from '../grid/grid.type';
import { gridsOfCompound } from '../grid/grid.loaders';
import { Organisation } from '../organisation/organisation.type';
import { CreateCompoundInput, UpdateCompoundInput } from './compound.input';
import { compoundById, compoundsOf, firmReplacementsIn, managedBy, managementHistoryOf } from './compound.loaders';
import { OrgNodeSchema } from '@linli/subgraph-kit';
import { notFound } from '@linli/platform';
import { changePropertyFirm, createCompound, setCompoundOrganisations, updateCompound } from './compound.service';
import { Compound, CompoundManagementTerm, CompoundPayload, ManagementModeEnum, toCompound } from './compound.type';
import type { ManagementMode } from './compound.rules';

@Resolver(() => Compound)
export class CompoundResolver {
  /** Public (contract: compounds and which firm manages them); null when there is none. */
  @Query(() => Compound, { nullable: true })
  compound(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Compound | null> {
    return compoundById(ctx, id);
  }

  @Mutation(() => CompoundPayload)
  async createCompound(@Arg('input') input: CreateCompoundInput, @Ctx() ctx: SubgraphContext): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => createCompound(em, cmd, input))) };
  }

  @Mutation(() => CompoundPayload, { description: 'Changes the name, address or household count; omitted fields stay.' })
  async updateCompound(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCompoundInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => updateCompound(em, cmd, id, input))) };
  }

  @Mutation(() => CompoundPayload, { description: 'A property firm is required when COMMERCIAL and refused otherwise; the previous term stays in `managementHistory`.' })
  async changePropertyFirm(
    @Arg('compoundId', () => ID) compoundId: string,
    @Arg('managementMode', () => ManagementModeEnum) managementMode: ManagementMode,
    @Arg('propertyFirmId', () => ID, { nullable: true }) propertyFirmId: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => changePropertyFirm(em, cmd, compoundId, managementMode, propertyFirmId))) };
  }

  @Mutation(() => CompoundPayload, { description: 'An omitted argument keeps the current link; null removes it.' })
  async setCompoundOrganisations(
    @Arg('compoundId', () => ID) compoundId: string,
    @Arg('partyOrganisationId', () => ID, { nullable: true }) partyOrganisationId: string | null | undefined,
    @Arg('ownersCommitteeId', () => ID, { nullable: true }) ownersCommitteeId: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => setCompoundOrganisations(em, cmd, compoundId, partyOrganisationId, ownersCommitteeId))) };
  }

  @Query(() => [CompoundManagementTerm], {
    description:
      'Management terms started by a passed owners’ vote (FIRM_HIRE_OR_DISMISS) in the compounds of a district, street or community, newest first (at most 500). With `underReviewOnly`, only those that replaced a firm with an overdue rectification. Public, like which firm manages a compound.',
  })
  async firmReplacements(
    @Arg('scopeId', () => ID) scopeId: string,
    @Arg('underReviewOnly', () => Boolean, { defaultValue: false }) underReviewOnly: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundManagementTerm[]> {
    const scope = await ctx.em.findOne(OrgNodeSchema, { id: scopeId });
    if (!scope) throw notFound('Scope');
    const communities = await ctx.em.find(OrgNodeSchema, { kind: 'COMMUNITY', $or: [{ id: scope.id }, { path: { $like: `${scope.path}${scope.id}/%` } }] }, { fields: ['id'] });
    return firmReplacementsIn(ctx, communities.map((c) => c.id), underReviewOnly);
  }

  @FieldResolver(() => [CompoundManagementTerm], { description: 'Who managed it when, oldest first; the last term is current.' })
  managementHistory(@Root() compound: Compound, @Ctx() ctx: SubgraphContext): Promise<CompoundManagementTerm[]> {
    return managementHistoryOf(ctx, compound.id);
  }

  @FieldResolver(() => [Grid], { description: 'The grids lying in the compound, by code.' })
  grids(@Root() compound: Compound, @Ctx() ctx: SubgraphContext): Promise<Grid[]> {
    return gridsOfCompound(ctx, compound.id);
  }
}

@Resolver(() => Grid)
export class GridCompoundResolver {
  @FieldResolver(() => Compound, { nullable: true, description: 'The compound the grid lies in, if any.' })
  compound(@Root() grid: Grid, @Ctx() ctx: SubgraphContext): Promise<Compound | null> | null {
    return grid.compoundId ? compoundById(ctx, grid.compoundId) : null;
  }
}

@Resolver(() => Organisation)
export class OrganisationCompoundsResolver {
  @FieldResolver(() => [Compound], { description: 'The compounds a property firm manages now, by name (public).' })
  managedCompounds(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Compound[]> {
    return managedBy(ctx, org.id);
  }

  @FieldResolver(() => [Compound], { description: 'The compounds of a community, by name (public).' })
  compounds(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Compound[]> {
    return compoundsOf(ctx, org.id);
  }
}

@Resolver(() => CompoundManagementTerm)
export class CompoundManagementTermResolver {
  @FieldResolver(() => Compound, { description: 'The compound this term is of.' })
  async compound(@Root() term: CompoundManagementTerm, @Ctx() ctx: SubgraphContext): Promise<Compound> {
    return (await compoundById(ctx, term.compoundId))!;
  }
}
