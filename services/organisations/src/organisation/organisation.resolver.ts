import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { CreateOrganisationInput } from './organisation.input';
import { createOrganisation, deactivateOrganisation, moveOrganisation, renameOrganisation } from './organisation.service';
import { CreateOrganisationPayload, Organisation, toOrganisation } from './organisation.type';
import { childrenOf, organisationById } from './organisation.loaders';

@Resolver(() => Organisation)
export class OrganisationResolver {
  /** Open to every authenticated caller: organisations are a public registry (contract). */
  @Query(() => Organisation, { nullable: true })
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Organisation | null> {
    return organisationById(ctx, id);
  }

  @Mutation(() => CreateOrganisationPayload)
  async createOrganisation(@Arg('input') input: CreateOrganisationInput, @Ctx() ctx: SubgraphContext): Promise<CreateOrganisationPayload> {
    const row = await ctx.transact((em) => createOrganisation(em, ctx.command(), input));
    return { organisation: toOrganisation(row) };
  }

  @Mutation(() => CreateOrganisationPayload)
  async renameOrganisation(@Arg('id', () => ID) id: string, @Arg('name') name: string, @Ctx() ctx: SubgraphContext): Promise<CreateOrganisationPayload> {
    const cmd = ctx.command();
    return { organisation: toOrganisation(await ctx.transact((em) => renameOrganisation(em, cmd, id, name))) };
  }

  @Mutation(() => CreateOrganisationPayload, { description: 'Moves an organisation and its subtree under another parent.' })
  async moveOrganisation(
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID) parentId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateOrganisationPayload> {
    const cmd = ctx.command();
    return { organisation: toOrganisation(await ctx.transact((em) => moveOrganisation(em, cmd, id, parentId))) };
  }

  @Mutation(() => CreateOrganisationPayload, {
    description: "Admins of the parent's scope. CONFLICT while it has active children or when already deactivated.",
  })
  async deactivateOrganisation(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext): Promise<CreateOrganisationPayload> {
    const cmd = ctx.command();
    return { organisation: toOrganisation(await ctx.transact((em) => deactivateOrganisation(em, cmd, id, reason))) };
  }

  @FieldResolver(() => Organisation, { nullable: true })
  parent(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Organisation | null> | null {
    return org.parentId ? organisationById(ctx, org.parentId) : null;
  }

  @FieldResolver(() => [Organisation])
  children(@Root() org: Organisation, @Ctx() ctx: SubgraphContext): Promise<Organisation[]> {
    return childrenOf(ctx, org.id);
  }
}
