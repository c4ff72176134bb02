import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { nodeInScope, orgNodes, type SubgraphContext } from '@linli/subgraph-kit';
import { TicketFactEntity } from '../ticket/ticket-fact.entity';
import { mayReferenceTicket } from '../ticket/ticket-visibility.rules';
import { Organisation, organisationRef, Ticket, ticketRef } from '../shared/refs.type';
import { Rectification } from '../rectification/rectification.type';
import { rectificationById } from '../rectification/rectification.loaders';
import { compareNames } from '../ranking/ranking.rules';
import { thaw } from './assessment.rules';
import { Assessment, Deduction, toAssessment, toDeduction } from './assessment.type';
import { deductionsFor } from './assessment.loaders';
import { finaliseAssessments } from './assessment.service';

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Mutation(() => [Assessment], {
    description: 'Freezes the month for the firms that manage compounds in the scope (street and district admins; FORBIDDEN otherwise); POOR firms get a rectification. BAD_USER_INPUT for a bad or future period.',
  })
  async finaliseAssessments(
    @Arg('scopeId', () => ID, { description: 'An organisation of the caller’s scope, usually a street or district (FORBIDDEN outside it, NOT_FOUND if unknown).' }) scopeId: string,
    @Arg('period', { description: 'The month, YYYY-MM (UTC+8), not in the future.' }) period: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Assessment[]> {
    const cmd = ctx.command();
    const months = await ctx.transact((em) => finaliseAssessments(em, cmd, scopeId, period));
    const names = await orgNodes(ctx.em, months.map((m) => m.firmId));
    return months
      .map((m) => {
        const { figures, deductions, finalisedAt } = thaw(m.frozen);
        return toAssessment(m.firmId, m.month, figures, { finalisedAt, deductions });
      })
      .sort((a, b) => compareNames(names.get(a.firmId)?.name ?? '', names.get(b.firmId)?.name ?? '') || a.firmId.localeCompare(b.firmId));
  }

  @FieldResolver(() => Organisation, { description: 'The assessed organisation.' })
  firm(@Root() a: Assessment): Organisation {
    return organisationRef(a.firmId);
  }

  @FieldResolver(() => [Deduction], { description: 'The deductions of the month (as frozen once finalised).' })
  async deductions(@Root() a: Assessment, @Ctx() ctx: SubgraphContext): Promise<Deduction[]> {
    return (await deductionsFor(ctx, a)).map(toDeduction);
  }
}

@Resolver(() => Deduction)
export class DeductionResolver {
  /**
   * A reference the tickets subgraph resolves; null where the caller may not
   * see the ticket, decided here too so that `ticket { id }` alone reveals nothing.
   */
  @FieldResolver(() => Ticket, { nullable: true, description: 'The badly rated ticket (BAD_RATING); null for other reasons and where the caller may not see the ticket.' })
  async ticket(@Root() d: Deduction, @Ctx() ctx: SubgraphContext): Promise<Ticket | null> {
    if (!d.ticketId) return null;
    return (await ticketVisible(ctx, d.ticketId)) ? ticketRef(d.ticketId) : null;
  }

  @FieldResolver(() => Rectification, { nullable: true, description: 'The rectification that became overdue (RECTIFICATION_OVERDUE).' })
  rectification(@Root() d: Deduction, @Ctx() ctx: SubgraphContext): Promise<Rectification | null> | null {
    return d.rectificationId ? rectificationById(ctx, d.rectificationId) : null;
  }
}

/** Whether the caller may see a ticket, batched per request (facts and their communities: two queries). */
const ticketVisible = (ctx: SubgraphContext, id: string): Promise<boolean | null> =>
  ctx.loaders.load('deductionTicketVisible', id, async (ids) => {
    const facts = await ctx.em.find(TicketFactEntity, { id: { $in: [...ids] } });
    const communities = await orgNodes(ctx.em, facts.map((f) => f.communityId));
    const byId = new Map(facts.map((f) => [f.id, f]));
    return ids.map((i) => {
      const f = byId.get(i);
      if (!f) return false;
      const community = communities.get(f.communityId);
      return mayReferenceTicket(ctx.actor, f, !!community && nodeInScope(ctx.actor, community));
    });
  });
