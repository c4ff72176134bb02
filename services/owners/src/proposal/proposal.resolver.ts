import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { checkPageSize } from '@linli/platform';
import { Connection, decodeCursor, keysetPast, DateTimeScalar, toPage, type SubgraphContext } from '@linli/subgraph-kit';
import { VoteChoiceEnum } from '../shared/enums';
import { householdById } from '../register/household.loaders';
import { compoundAccess, permit } from '../territory/compound.access';
import { DraftProposalInput } from './proposal.input';
import { mayReadCompound, myVotesOn, proposalForReader, reviewsOf, tallyOf } from './proposal.loaders';
import { ProposalEntity } from './proposal.entity';
import { castVote, closeVoting, draftProposal, openVoting, reviewProposal, submitProposal } from './proposal.service';
import { Proposal, ProposalPayload, ProposalReview, Tally, toProposal, Vote, VotePayload } from './proposal.type';
import type { VoteChoice } from './vote.rules';

@ObjectType({ description: 'A page of proposals.' })
export class ProposalConnection extends Connection(Proposal, 'Proposal') {}

@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => Proposal, { description: 'Open to callers in the compound’s scope, its party organisation and owners’ committee, and its residents; not the managing firm (a proposal may be to dismiss it): FORBIDDEN.' })
  proposal(@Arg('id', () => ID, { description: 'The proposal’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Proposal> {
    return proposalForReader(ctx, id);
  }

  @Query(() => ProposalConnection, { description: 'A compound’s proposals, newest first (keyset pages).' })
  async proposals(
    @Arg('compoundId', () => ID, { description: 'The compound.' }) compoundId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default and maximum as for every connection).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProposalConnection> {
    const size = checkPageSize(first);
    const cursor = decodeCursor(after);
    await compoundAccess(ctx.em, compoundId);
    permit(await mayReadCompound(ctx, compoundId));
    const keyset = cursor ? keysetPast<ProposalEntity>(ctx.em, cursor) : {};
    const [rows, total] = await Promise.all([
      ctx.em.find(ProposalEntity, { compoundId, ...keyset }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
      ctx.em.count(ProposalEntity, { compoundId }),
    ]);
    return toPage(rows, size, total, toProposal);
  }

  @Mutation(() => ProposalPayload, { description: 'A new DRAFT proposal; by staff acting for the compound’s owners’ committee, or community staff and admins of its scope. Bad figures for the kind are BAD_USER_INPUT.' })
  async draftProposal(@Arg('input', { description: 'The proposal to draft.' }) input: DraftProposalInput, @Ctx() ctx: SubgraphContext): Promise<ProposalPayload> {
    const cmd = ctx.command();
    return { proposal: toProposal(await ctx.transact((em) => draftProposal(em, cmd, { ...input, description: input.description }))) };
  }

  @Mutation(() => ProposalPayload, { description: 'DRAFT → PARTY_REVIEW.' })
  async submitProposal(@Arg('id', () => ID, { description: 'The DRAFT proposal.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<ProposalPayload> {
    const cmd = ctx.command();
    return { proposal: toProposal(await ctx.transact((em) => submitProposal(em, cmd, id))) };
  }

  @Mutation(() => ProposalPayload, { description: 'The review the proposal waits for (party, then committee); a refusal ends it (REFUSED).' })
  async reviewProposal(
    @Arg('id', () => ID, { description: 'The proposal under review.' }) id: string,
    @Arg('approve', { description: 'True to approve, false to refuse.' }) approve: boolean,
    @Arg('note', { description: 'The reviewer’s note; the reason of a refusal.' }) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProposalPayload> {
    const cmd = ctx.command();
    return { proposal: toProposal(await ctx.transact((em) => reviewProposal(em, cmd, id, approve, note))) };
  }

  @Mutation(() => ProposalPayload, { description: 'APPROVED → VOTING, `closesAt` 1 to 30 days ahead; freezes the electorate.' })
  async openVoting(@Arg('id', () => ID, { description: 'The APPROVED proposal.' }) id: string, @Arg('closesAt', () => DateTimeScalar, { description: 'When voting closes, 1 to 30 days ahead.' }) closesAt: Date, @Ctx() ctx: SubgraphContext): Promise<ProposalPayload> {
    const cmd = ctx.command();
    return { proposal: toProposal(await ctx.transact((em) => openVoting(em, cmd, id, closesAt))) };
  }

  @Mutation(() => VotePayload, { description: 'By an owner or co-owner of the household; a later vote replaces the earlier while voting is open.' })
  async castVote(
    @Arg('proposalId', () => ID, { description: 'The proposal in VOTING.' }) proposalId: string,
    @Arg('householdId', () => ID, { description: 'A household of the electorate the caller owns or co-owns.' }) householdId: string,
    @Arg('choice', () => VoteChoiceEnum, { description: 'The household’s choice.' }) choice: VoteChoice,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VotePayload> {
    const cmd = ctx.command();
    const vote = await ctx.transact((em) => castVote(em, cmd, proposalId, householdId, choice));
    return { vote: { choice: vote.choice, at: vote.at, household: (await householdById(ctx, householdId))! } };
  }

  @Mutation(() => ProposalPayload, { description: 'Once `votingClosesAt` has passed, or once every household of the electorate voted.' })
  async closeVoting(@Arg('id', () => ID, { description: 'The proposal in VOTING.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<ProposalPayload> {
    const cmd = ctx.command();
    return { proposal: toProposal(await ctx.transact((em) => closeVoting(em, cmd, id))) };
  }

  @FieldResolver(() => [ProposalReview], { description: 'Each review step, in order.' })
  reviews(@Root() p: Proposal, @Ctx() ctx: SubgraphContext): Promise<ProposalReview[]> {
    return reviewsOf(ctx, p.id);
  }

  @FieldResolver(() => Tally, { nullable: true, description: 'Null before voting; participation only while it is open.' })
  tally(@Root() p: Proposal, @Ctx() ctx: SubgraphContext): Promise<Tally | null> {
    return tallyOf(ctx, p);
  }

  @FieldResolver(() => [Vote], { description: 'The ballots of the households the caller owns or co-owns.' })
  myVotes(@Root() p: Proposal, @Ctx() ctx: SubgraphContext): Promise<Vote[]> {
    return myVotesOn(ctx, p.id);
  }
}
