import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { CreateOrganisationInput } from './organisation.input';
import { createOrganisation, deactivateOrganisation, moveOrganisation, renameOrganisation } from './organisation.service';
import { CreateOrganisationPayload, Organisation, toOrganisation } from './organisation.type';
import { childrenOf, organisationById } from './organisation.loaders';

@Resolver(() => Organisation)
export class OrganisationResolver {
  /** Open to every authenticated caller: organisations are a public registry (contract). */
  @Query(() => Organisation, { nullable: true, description: 'One organisation; open to every authenticated caller. Null when no such organisation exists.' })
  organisation(@Arg('id', () => ID, { description: 'The organisation’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Organisation | null> {
    return organisationById(ctx, id);
  }

  @Mutation(() => CreateOrganisationPayload, {
    description: 'Creates an organisation under a parent in the caller’s scope (admins and community staff). FORBIDDEN outside the scope, NOT_FOUND for an unknown parent, BAD_USER_INPUT for bad fields, CONFLICT for a credit code already registered.',
  })
  async createOrganisation(@Arg('input', { description: 'The new organisation.' }) input: CreateOrganisationInput, @Ctx() ctx: SubgraphContext): Promise<CreateOrganisationPayload> {
    const row = await ctx.transact((em) => createOrganisation(em, ctx.command(), input));
    return { organisation: toOrganisation(row) };
  }

  @Mutation(() => CreateOrganisationPayload, { description: 'Renames an organisation of the caller’s scope. FORBIDDEN outside it, NOT_FOUND if unknown, BAD_USER_INPUT for a bad name.' })
  async renameOrganisation(
    @Arg('id', () => ID, { description: 'The organisation to rename.' }) id: string,
    @Arg('name', { description: 'The new name (1–100 characters).' }) name: string, @Ctx() ctx: SubgraphContext): Promise<CreateOrganisationPayload> {
    const cmd = ctx.command();
    return { organisation: toOrganisation(await ctx.transact((em) => renameOrganisation(em, cmd, id, name))) };
  }

  @Mutation(() => CreateOrganisationPayload, { description: 'Moves an organisation and its subtree under another parent; both must lie in the caller’s scope (FORBIDDEN otherwise). BAD_USER_INPUT for a move under its own subtree or a parent of the wrong kind.' })
  async moveOrganisation(
    @Arg('id', () => ID, { description: 'The organisation to move.' }) id: string,
    @Arg('parentId', () => ID, { description: 'Its new parent.' }) parentId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateOrganisationPayload> {
    const cmd = ctx.command();
    return { organisation: toOrganisation(await ctx.transact((em) => moveOrganisation(em, cmd, id, parentId))) };
  }

  @Mutation(() => CreateOrganisationPayload, {
    description: "Admins of the parent's scope. CONFLICT while it has active children or when already deactivated.",
  })
  async deactivateOrganisation(@Arg('id', () => ID, { description: 'The organisation (NOT_FOUND if unknown).' }) id: string, @Arg('reason', { description: 'Why it is deactivated, kept in the audit log.' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<CreateOrganisationPayload> {
    const cmd = ctx.command();
    return { organisation: toOrganisation(await ctx.transact((em) => deactivateOrganisation(em, cmd, id, reason))) };
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The parent organisation; null for the root district.' })
  parent(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Organisation | null> | null {
    return org.parentId ? organisationById(ctx, org.parentId) : null;
  }

  @FieldResolver(() => [Organisation], { description: 'The direct children; empty for a leaf.' })
  children(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Organisation[]> {
    return childrenOf(ctx, org.id);
  }
}
