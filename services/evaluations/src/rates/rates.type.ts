import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Rates } from './rates.rules';

@ObjectType('ServiceRateBreakdown', { description: 'The rates of one child street or community.' })
export class ServiceRateBreakdown {
  @Field(() => Int)
  ticketCount!: number;

  @Field(() => Float)
  responseRate!: number;

  @Field(() => Float)
  resolutionRate!: number;

  @Field(() => Float)
  satisfactionRate!: number;

  scopeId!: string;
}

/** 接诉即办: response, resolution and satisfaction of a scope over a month, quarter or year (public). */
@ObjectType('ServiceRates')
export class ServiceRates {
  @Field({ description: 'YYYY-MM, YYYY-Qn or YYYY (UTC+8).' })
  period!: string;

  @Field(() => Int)
  ticketCount!: number;

  @Field(() => Float)
  responseRate!: number;

  @Field(() => Float)
  resolutionRate!: number;

  @Field(() => Float)
  satisfactionRate!: number;

  @Field(() => [ServiceRateBreakdown], { description: 'Each child street or community, by name.' })
  breakdown!: ServiceRateBreakdown[];

  scopeId!: string;
}

export const toBreakdown = (scopeId: string, r: Rates) => Object.assign(new ServiceRateBreakdown(), { scopeId, ...r });
export const toServiceRates = (scopeId: string, period: string, r: Rates, breakdown: ServiceRateBreakdown[]) =>
  Object.assign(new ServiceRates(), { scopeId, period, ...r, breakdown });
