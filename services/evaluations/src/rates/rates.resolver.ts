import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../shared/refs.type';
import { serviceRates } from './rates.service';
import { ServiceRateBreakdown, ServiceRates, toBreakdown, toServiceRates } from './rates.type';

@Resolver(() => ServiceRates)
export class ServiceRatesResolver {
  /** Open to every authenticated caller (contract: service rates are public, as 12345 rankings are). */
  @Query(() => ServiceRates, { description: 'Service rates of a scope over a period, with a breakdown per child street or community. Open to every authenticated caller.' })
  async serviceRates(
    @Arg('scopeId', () => ID, { description: 'A district, street, community or an organisation that handles tickets (BAD_USER_INPUT otherwise).' }) scopeId: string,
    @Arg('period', { description: 'YYYY-MM, YYYY-Qn or YYYY (UTC+8); BAD_USER_INPUT otherwise.' }) period: string, @Ctx() ctx: SubgraphContext): Promise<ServiceRates> {
    const r = await serviceRates(ctx.em, scopeId, period);
    return toServiceRates(r.scopeId, r.period, r.rates, r.breakdown.map((b) => toBreakdown(b.scopeId, b.rates)));
  }

  @FieldResolver(() => Organisation, { description: 'The scope the rates are of.' })
  scope(@Root() r: ServiceRates): Organisation {
    return organisationRef(r.scopeId);
  }
}

@Resolver(() => ServiceRateBreakdown)
export class ServiceRateBreakdownResolver {
  @FieldResolver(() => Organisation, { description: 'The child street or community.' })
  scope(@Root() r: ServiceRateBreakdown): Organisation {
    return organisationRef(r.scopeId);
  }
}
