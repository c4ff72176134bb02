import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../shared/refs.type';
import { firmRanking } from './ranking.service';
import { FirmRank } from './ranking.type';

@Resolver(() => FirmRank)
export class FirmRankingResolver {
  /** Open to every authenticated caller (contract: rankings are public). Months only (YYYY-MM). */
  @Query(() => [FirmRank], {
    description: 'The firms that manage compounds in the scope, ranked by their assessment score for the month, best first (ties by name). Open to every authenticated caller.',
  })
  async firmRanking(
    @Arg('scopeId', () => ID, { description: 'The scope: an organisation, usually a district, street or community (NOT_FOUND if unknown).' }) scopeId: string,
    @Arg('period', { description: 'The month, YYYY-MM (UTC+8); BAD_USER_INPUT otherwise.' }) period: string,
    @Arg('first', () => Int, { nullable: true, description: '1–100, default 20.' }) first: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FirmRank[]> {
    const ranked = await firmRanking(ctx.em, scopeId, period, first);
    return ranked.map((r) =>
      Object.assign(new FirmRank(), {
        rank: r.rank,
        score: r.item.score,
        grade: r.item.grade,
        satisfactionRate: r.item.satisfactionRate,
        assessment: r.item,
        firmId: r.id,
      }),
    );
  }

  @FieldResolver(() => Organisation, { description: 'The ranked property firm.' })
  firm(@Root() r: FirmRank): Organisation {
    return organisationRef(r.firmId);
  }
}
