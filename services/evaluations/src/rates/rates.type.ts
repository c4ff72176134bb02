import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Rates } from './rates.rules';

@ObjectType('ServiceRateBreakdown', { description: 'The rates of one child street or community.' })
export class ServiceRateBreakdown {
  @Field(() => Int, { description: 'Tickets submitted in the period in the scope (or assigned to the organisation), cancelled ones left out.' })
  ticketCount!: number;

  @Field(() => Float, { description: 'Dispatched tickets accepted by their response due time / dispatched tickets; 1 when none.' })
  responseRate!: number;

  @Field(() => Float, { description: 'Tickets resolved or closed / ticketCount; 1 when none.' })
  resolutionRate!: number;

  @Field(() => Float, { description: 'Ratings of 4–5 / rated tickets; 1 when none.' })
  satisfactionRate!: number;

  scopeId!: string;
}

/** 接诉即办: response, resolution and satisfaction of a scope over a month, quarter or year (public). */
@ObjectType('ServiceRates', { description: '接诉即办: response, resolution and satisfaction of a scope over a month, quarter or year. Public.' })
export class ServiceRates {
  @Field({ description: 'YYYY-MM, YYYY-Qn or YYYY (UTC+8).' })
  period!: string;

  @Field(() => Int, { description: 'Tickets submitted in the period in the scope (or assigned to the organisation), cancelled ones left out.' })
  ticketCount!: number;

  @Field(() => Float, { description: 'Dispatched tickets accepted by their response due time / dispatched tickets; 1 when none.' })
  responseRate!: number;

  @Field(() => Float, { description: 'Tickets resolved or closed / ticketCount; 1 when none.' })
  resolutionRate!: number;

  @Field(() => Float, { description: 'Ratings of 4–5 / rated tickets; 1 when none.' })
  satisfactionRate!: number;

  @Field(() => [ServiceRateBreakdown], { description: 'Each child street or community, by name.' })
  breakdown!: ServiceRateBreakdown[];

  scopeId!: string;
}

export const toBreakdown = (scopeId: string, r: Rates) => Object.assign(new ServiceRateBreakdown(), { scopeId, ...r });
export const toServiceRates = (scopeId: string, period: string, r: Rates, breakdown: ServiceRateBreakdown[]) =>
  Object.assign(new ServiceRates(), { scopeId, period, ...r, breakdown });
