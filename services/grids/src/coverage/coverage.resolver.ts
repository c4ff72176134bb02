import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { coverage } from './coverage.service';
import { Coverage, toScopeCoverage } from './coverage.type';

@Resolver(() => Coverage)
export class CoverageResolver {
  @Query(() => Coverage, { description: '三覆盖: compounds of a district, street or community with a party organisation, an owners’ committee and property service. Public.' })
  async coverage(@Arg('scopeId', () => ID, { description: 'A DISTRICT, STREET or COMMUNITY (NOT_FOUND if unknown, BAD_USER_INPUT for another kind).' }) scopeId: string, @Ctx() ctx: SubgraphContext): Promise<Coverage> {
    const result = await coverage(ctx.em, scopeId);
    return Object.assign(new Coverage(), {
      ...toScopeCoverage(result.scope.id, result.total),
      breakdown: result.breakdown.map((b) => toScopeCoverage(b.scope.id, b.counts)),
    });
  }
}
