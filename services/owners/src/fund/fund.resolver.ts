import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { checkPageSize } from '@linli/platform';
import { decodeCursor, keysetPast, toPage, type SubgraphContext } from '@linli/subgraph-kit';
import { readableProposal } from '../proposal/proposal.loaders';
import { Proposal } from '../proposal/proposal.type';
import { compoundAccess } from '../territory/compound.access';
import { compoundRef } from '../shared/refs.type';
import { PublicFundEntryEntity } from './fund.entity';
import { fundTotals, spendPublicFund } from './fund.service';
import { FundEntry, FundEntryConnection, PublicFund, SpendPublicFundPayload } from './fund.type';

@InputType({ description: 'A spending from a compound’s public fund, by the owners’ committee’s staff or community staff.' })
export class SpendPublicFundInput {
  @Field(() => ID, { description: 'The compound whose fund pays.' })
  compoundId!: string;

  @Field(() => ID, { description: 'A PASSED PUBLIC_FUND_SPENDING proposal of that compound.' })
  proposalId!: string;

  @Field(() => Int, { description: 'The amount, in cents; within the proposal’s remaining amount and the balance.' })
  amountCents!: number;

  @Field({ description: '1–100 characters.' })
  purpose!: string;
}

const toFund = (compoundId: string, t: { creditedCents: number; spentCents: number }): PublicFund =>
  Object.assign(new PublicFund(), { compoundId, compound: compoundRef(compoundId), creditedCents: t.creditedCents, spentCents: t.spentCents, balanceCents: t.creditedCents - t.spentCents });

const toEntry = (e: PublicFundEntryEntity): FundEntry =>
  Object.assign(new FundEntry(), { at: e.createdAt, kind: e.kind, amountCents: e.amountCents, purpose: e.purpose, proposalId: e.proposalId });

@Resolver(() => PublicFund)
export class PublicFundResolver {
  @Query(() => PublicFund, { description: 'Open to every authenticated caller.' })
  async publicFund(@Arg('compoundId', () => ID, { description: 'The compound.' }) compoundId: string, @Ctx() ctx: SubgraphContext): Promise<PublicFund> {
    await compoundAccess(ctx.em, compoundId);
    return toFund(compoundId, await fundTotals(ctx.em, compoundId));
  }

  @Mutation(() => SpendPublicFundPayload, { description: 'Within a PASSED PUBLIC_FUND_SPENDING proposal’s amount and the balance (CONFLICT otherwise).' })
  async spendPublicFund(@Arg('input', { description: 'The spending.' }) input: SpendPublicFundInput, @Ctx() ctx: SubgraphContext): Promise<SpendPublicFundPayload> {
    const cmd = ctx.command();
    const entry = await ctx.transact((em) => spendPublicFund(em, cmd, input));
    return { entry: toEntry(entry), fund: toFund(input.compoundId, await fundTotals(ctx.em, input.compoundId)) };
  }

  @FieldResolver(() => FundEntryConnection, { description: 'Newest first (keyset pages).' })
  async entries(
    @Root() fund: PublicFund,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default and maximum as for every connection).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FundEntryConnection> {
    const size = checkPageSize(first);
    const cursor = decodeCursor(after);
    const keyset = cursor ? keysetPast<PublicFundEntryEntity>(ctx.em, cursor) : {};
    const [rows, total] = await Promise.all([
      ctx.em.find(PublicFundEntryEntity, { compoundId: fund.compoundId, ...keyset }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
      ctx.em.count(PublicFundEntryEntity, { compoundId: fund.compoundId }),
    ]);
    return toPage(rows, size, total, toEntry);
  }
}

@Resolver(() => FundEntry)
export class FundEntryResolver {
  @FieldResolver(() => Proposal, { nullable: true, description: 'The proposal a spending was made under (null for credits, or when the caller may not read it).' })
  proposal(@Root() e: FundEntry, @Ctx() ctx: SubgraphContext): Promise<Proposal | null> | null {
    return e.proposalId ? readableProposal(ctx, e.proposalId) : null;
  }
}
