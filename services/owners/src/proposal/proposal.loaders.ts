import { forbidden, notFound } from '@linli/platform';
import { byIds, groupBy, orgAncestors, orgNodes, type SubgraphContext } from '@linli/subgraph-kit';
import { HouseholdEntity, HouseholdMemberEntity, OWNER_RELATIONS } from '../register/household.entity';
import { householdById } from '../register/household.loaders';
import { personRef } from '../shared/refs.type';
import { CompoundEntity } from '../territory/compound.entity';
import { mayRead, type CompoundAccess } from './proposal.access';
import { ElectorEntity, ProposalEntity, ProposalReviewEntity, VoteEntity } from './proposal.entity';
import { toProposal, type Proposal, type ProposalReview, type Tally, type Vote } from './proposal.type';

/** The caller's current households (as any member) and those it owns, once per request. */
const myHouseholds = (ctx: SubgraphContext) =>
  ctx.loaders
    .load('me.households', ctx.actor.personId, async ([personId]) => {
      const members = await ctx.em.find(HouseholdMemberEntity, { personId, until: null });
      const households = members.length ? await ctx.em.find(HouseholdEntity, { id: { $in: members.map((m) => m.householdId) } }) : [];
      return [
        {
          compoundIds: new Set(households.map((h) => h.compoundId)),
          ownedIds: members.filter((m) => OWNER_RELATIONS.includes(m.relation)).map((m) => m.householdId),
        },
      ];
    })
    .then((x) => x!);

/** Whether the caller may read the proposals of each compound (contract "Who reads"), batched per request. */
export const mayReadCompound = (ctx: SubgraphContext, compoundId: string): Promise<boolean> =>
  ctx.loaders
    .load('proposal.readable', compoundId, async (ids) => {
      const [compounds, mine] = await Promise.all([ctx.em.find(CompoundEntity, { id: { $in: [...ids] } }), myHouseholds(ctx)]);
      const nodes = await orgNodes(ctx.em, compounds.map((c) => c.communityId));
      const access = new Map<string, CompoundAccess>(
        compounds.map((c) => [
          c.id,
          {
            communityId: c.communityId,
            communityAncestorIds: orgAncestors(nodes.get(c.communityId)?.path ?? c.communityPath),
            partyOrganisationId: c.partyOrganisationId,
            ownersCommitteeId: c.ownersCommitteeId,
            propertyFirmId: c.propertyFirmId,
            managementMode: c.managementMode,
          },
        ]),
      );
      return ids.map((id) => {
        const c = access.get(id);
        return c ? mayRead(ctx.actor, c, mine.compoundIds.has(id)) : null;
      });
    })
    .then((x) => x === true);

/** Proposals by id, null where missing or not readable by the caller (reference resolver, fund entries). */
export async function loadReadableProposals(ctx: SubgraphContext, ids: readonly string[]): Promise<(Proposal | null)[]> {
  const rows = byIds(ids, await ctx.em.find(ProposalEntity, { id: { $in: [...ids] } }));
  const readable = await Promise.all(rows.map((r) => (r ? mayReadCompound(ctx, r.compoundId) : false)));
  return rows.map((r, i) => (r && readable[i] ? toProposal(r) : null));
}

export const readableProposal = (ctx: SubgraphContext, id: string) => ctx.loaders.load('proposal', id, (ids) => loadReadableProposals(ctx, ids));

/** `proposal(id)`: NOT_FOUND when missing, FORBIDDEN when outside what the caller may read. */
export async function proposalForReader(ctx: SubgraphContext, id: string): Promise<Proposal> {
  const row = await ctx.em.findOne(ProposalEntity, { id });
  if (!row) throw notFound('Proposal');
  if (!(await mayReadCompound(ctx, row.compoundId))) throw forbidden();
  return toProposal(row);
}

export const reviewsOf = (ctx: SubgraphContext, proposalId: string): Promise<ProposalReview[]> =>
  ctx.loaders
    .load('proposal.reviews', proposalId, async (ids) => {
      const rows = await ctx.em.find(ProposalReviewEntity, { proposalId: { $in: [...ids] } }, { orderBy: { at: 'asc', stage: 'desc' } });
      return groupBy(ids, rows, (r) => r.proposalId).map((list) =>
        list.map((r) => ({ stage: r.stage, approved: r.approved, note: r.note, at: r.at, reviewer: personRef(r.reviewerId) })),
      );
    })
    .then((x) => x ?? []);

const sqm = (hundredths: number) => hundredths / 100;

/** Participation of open votes: ballots counted against the frozen electorate, choices left out. */
const participation = (ctx: SubgraphContext, proposalId: string) =>
  ctx.loaders
    .load('proposal.participation', proposalId, async (ids) => {
      const [votes, electors] = await Promise.all([
        ctx.em.find(VoteEntity, { proposalId: { $in: [...ids] } }, { fields: ['proposalId', 'householdId'] }),
        ctx.em.find(ElectorEntity, { proposalId: { $in: [...ids] } }),
      ]);
      const area = new Map(electors.map((e) => [`${e.proposalId}/${e.householdId}`, e.areaHundredths]));
      return groupBy(ids, votes, (v) => v.proposalId).map((list) => ({
        households: list.length,
        area: list.reduce((s, v) => s + (area.get(`${v.proposalId}/${v.householdId}`) ?? 0), 0),
      }));
    })
    .then((x) => x!);

/** The tally: null before voting, participation only while open, everything once decided. */
export async function tallyOf(ctx: SubgraphContext, p: Proposal): Promise<Tally | null> {
  const r = p.row.result;
  if (r) {
    return {
      votedHouseholds: r.votedHouseholds,
      votedAreaSqm: sqm(r.votedArea),
      forHouseholds: r.forHouseholds,
      forAreaSqm: sqm(r.forArea),
      againstHouseholds: r.againstHouseholds,
      againstAreaSqm: sqm(r.againstArea),
      abstainHouseholds: r.abstainHouseholds,
      abstainAreaSqm: sqm(r.abstainArea),
      quorumMet: p.status !== 'NO_QUORUM',
      passed: p.status === 'PASSED',
    };
  }
  if (p.status !== 'VOTING') return null;
  const t = await participation(ctx, p.id);
  return {
    votedHouseholds: t.households,
    votedAreaSqm: sqm(t.area),
    forHouseholds: null,
    forAreaSqm: null,
    againstHouseholds: null,
    againstAreaSqm: null,
    abstainHouseholds: null,
    abstainAreaSqm: null,
    quorumMet: null,
    passed: null,
  };
}

/** The ballots of the households the caller owns or co-owns: nobody reads another household's vote. */
export async function myVotesOn(ctx: SubgraphContext, proposalId: string): Promise<Vote[]> {
  const mine = await myHouseholds(ctx);
  if (!mine.ownedIds.length) return [];
  const rows = await ctx.loaders
    .load('proposal.myVotes', proposalId, async (ids) => {
      const votes = await ctx.em.find(VoteEntity, { proposalId: { $in: [...ids] }, householdId: { $in: mine.ownedIds } });
      return groupBy(ids, votes, (v) => v.proposalId);
    })
    .then((x) => x ?? []);
  if (!rows.length) return [];
  return Promise.all(rows.map(async (v) => ({ choice: v.choice, at: v.at, household: (await householdById(ctx, v.householdId))! })));
}
