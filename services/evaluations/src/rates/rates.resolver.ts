import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../shared/refs.type';
import { serviceRates } from './rates.service';
import { ServiceRateBreakdown, ServiceRates, toBreakdown, toServiceRates } from './rates.type';

@Resolver(() => ServiceRates)
export class ServiceRatesResolver {
  /** Open to every authenticated caller (contract: service rates are public, as 12345 rankings are). */
  @Query(() => ServiceRates)
  async serviceRates(@Arg('scopeId', () => ID) scopeId: string, @Arg('period') period: string, @Ctx() ctx: SubgraphContext): Promise<ServiceRates> {
    const r = await serviceRates(ctx.em, scopeId, period);
    return toServiceRates(r.scopeId, r.period, r.rates, r.breakdown.map((b) => toBreakdown(b.scopeId, b.rates)));
  }

  @FieldResolver(() => Organisation)
  scope(@Root() r: ServiceRates): Organisation {
    return organisationRef(r.scopeId);
  }
}

@Resolver(() => ServiceRateBreakdown)
export class ServiceRateBreakdownResolver {
  @FieldResolver(() => Organisation)
  scope(@Root() r: ServiceRateBreakdown): Organisation {
    return organisationRef(r.scopeId);
  }
}
