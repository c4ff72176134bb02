import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Grid } from '../grid/grid.type';
import { gridsOfCompound } from '../grid/grid.loaders';
import { Organisation } from '../organisation/organisation.type';
import { CreateCompoundInput, UpdateCompoundInput } from './compound.input';
import { compoundById, compoundsOf, firmReplacementsIn, managedBy, managementHistoryOf } from './compound.loaders';
import { communitiesIn, OrgNodeSchema } from '@linli/subgraph-kit';
import { notFound } from '@linli/platform';
import { changePropertyFirm, createCompound, setCompoundOrganisations, updateCompound } from './compound.service';
import { Compound, CompoundManagementTerm, CompoundPayload, ManagementModeEnum, toCompound } from './compound.type';
import type { ManagementMode } from './compound.rules';

@Resolver(() => Compound)
export class CompoundResolver {
  /** Public (contract: compounds and which firm manages them); null when there is none. */
  @Query(() => Compound, { nullable: true, description: 'One compound; open to every authenticated caller. Null when unknown.' })
  compound(@Arg('id', () => ID, { description: 'The compound’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Compound | null> {
    return compoundById(ctx, id);
  }

  @Mutation(() => CompoundPayload, {
    description: 'Creates a compound in a community of the caller’s scope (admins and community staff; FORBIDDEN otherwise). NOT_FOUND, BAD_USER_INPUT or CONFLICT for bad input.',
  })
  async createCompound(@Arg('input', { description: 'The new compound.' }) input: CreateCompoundInput, @Ctx() ctx: SubgraphContext): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => createCompound(em, cmd, input))) };
  }

  @Mutation(() => CompoundPayload, { description: 'Changes the name, address or household count; omitted fields stay.' })
  async updateCompound(
    @Arg('id', () => ID, { description: 'A compound of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown).' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateCompoundInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => updateCompound(em, cmd, id, input))) };
  }

  @Mutation(() => CompoundPayload, { description: 'Changes how a compound of the caller’s scope is managed (admins and community staff; FORBIDDEN otherwise, NOT_FOUND if unknown). A property firm is required when COMMERCIAL and refused otherwise (BAD_USER_INPUT); the previous term stays in `managementHistory`.' })
  async changePropertyFirm(
    @Arg('compoundId', () => ID, { description: 'The compound.' }) compoundId: string,
    @Arg('managementMode', () => ManagementModeEnum, { description: 'The new management mode.' }) managementMode: ManagementMode,
    @Arg('propertyFirmId', () => ID, { nullable: true, description: 'A PROPERTY_FIRM (may lie outside the scope); only with COMMERCIAL.' }) propertyFirmId: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundPayload> {
    const cmd = ctx.command();
    return { compound: toCompound(await ctx.transact((em) => changePropertyFirm(em, cmd, compoundId, managementMode, propertyFirmId))) };
  }

  @Mutation(() => CompoundPayload, { description: 'Links a compound of the caller’s scope to its party organisation and owners’ committee (admins and community staff; FORBIDDEN otherwise, NOT_FOUND if unknown). An omitted argument keeps the current link; null removes it; a wrong kind is BAD_USER_INPUT.' })
  async setCompoundOrganisations(
    @Arg('compoundId', () => ID, { description: 'The compound.' }) compoundId: string,
    @Arg('partyOrganisationId', () => ID, { nullable: true, description: 'A PARTY_COMMITTEE, PARTY_BRANCH or PARTY_GROUP.' }) partyOrganisationId: string | null | undefined,
    @Arg('ownersCommitteeId', () => ID, { nullable: true, description: 'An OWNERS_COMMITTEE or PROPERTY_MANAGEMENT_COMMITTEE.' }) ownersCommitteeId: string | null | undefined,
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
    @Arg('scopeId', () => ID, { description: 'A DISTRICT, STREET or COMMUNITY (NOT_FOUND if unknown, BAD_USER_INPUT for another kind).' }) scopeId: string,
    @Arg('underReviewOnly', () => Boolean, { defaultValue: false, description: 'Only the terms that replaced a firm with an overdue rectification.' }) underReviewOnly: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompoundManagementTerm[]> {
    const scope = await ctx.em.findOne(OrgNodeSchema, { id: scopeId });
    if (!scope) throw notFound('Scope');
    const communities = await communitiesIn(ctx.em, scope);
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
