import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@linli/subgraph-kit';
import { householdById } from '../register/household.loaders';
import { compoundRef, organisationRef } from '../shared/refs.type';
import { feeCollection } from './collection.service';
import { recordFeePayment } from './payment.service';
import { setFeeRate } from './fee-rate.service';
import { FeeCollection, FeePayment, FeePaymentPayload, FeeRatePayload, RecordFeePaymentInput, SetFeeRateInput } from './fee.type';

@Resolver()
export class FeeResolver {
  @Mutation(() => FeeRatePayload, { description: 'A compound’s first rate, from the current month; later rates come only from a passed FEE_CHANGE (CONFLICT).' })
  async setFeeRate(@Arg('input', { description: 'The compound and its rate.' }) input: SetFeeRateInput, @Ctx() ctx: SubgraphContext): Promise<FeeRatePayload> {
    const cmd = ctx.command();
    const rate = await ctx.transact((em) => setFeeRate(em, cmd, input.compoundId, input.centsPerSqmMonth, input.publicFundShare));
    return { feeRate: { centsPerSqmMonth: rate.centsPerSqmMonth, publicFundShare: rate.publicFundShareBp / 10_000, since: rate.fromMonth, compound: compoundRef(rate.compoundId) } };
  }

  @Mutation(() => FeePaymentPayload, { description: 'The amount must equal the fee of those months; a paid month is CONFLICT; the public fund’s share is credited with it.' })
  async recordFeePayment(@Arg('input', { description: 'The household, months and amount.' }) input: RecordFeePaymentInput, @Ctx() ctx: SubgraphContext): Promise<FeePaymentPayload> {
    const cmd = ctx.command();
    const p = await ctx.transact((em) => recordFeePayment(em, cmd, input));
    const payment: FeePayment = {
      id: p.id,
      household: (await householdById(ctx, p.householdId))!,
      fromMonth: p.fromMonth,
      months: p.months,
      amountCents: p.amountCents,
      publicFundCents: p.publicFundCents,
      receivedAt: p.receivedAt,
    };
    return { payment };
  }

  @Query(() => FeeCollection, { description: 'Open to every authenticated caller: collection rates are public accountability.' })
  async feeCollection(@Arg('scopeId', () => ID, { description: 'A district, street, community or property firm.' }) scopeId: string, @Arg('period', { description: 'YYYY-MM, YYYY-Qn or YYYY (UTC+8).' }) period: string, @Ctx() ctx: SubgraphContext): Promise<FeeCollection> {
    const r = await feeCollection(ctx.em, scopeId, period);
    return {
      ...r,
      scope: organisationRef(r.scopeId),
      breakdown: r.breakdown.map((b) => ({ ...b, scope: organisationRef(b.scopeId) })),
    };
  }
}
