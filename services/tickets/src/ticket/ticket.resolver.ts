import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, hasRole, notFound } from '@linli/platform';
import { Connection, orgNodes, type Page, type SubgraphContext } from '@linli/subgraph-kit';
import { requestViewer, subtreePrefix } from '../projection/scope';
import { Organisation } from '../references/organisation.type';
import { ServiceItem } from '../service-item/service-item.type';
import { serviceItemById } from '../service-item/service-item.resolver';
import { SCOPE_READERS, actsFor, inScope, isSystemAdmin } from './ticket.access';
import { TicketStatusEnum } from './ticket.enums';
import { SubmitTicketInput, TicketFilter } from './ticket.input';
import { ticketChanges } from './ticket.changes';
import { filterWhere, statusesOf, ticketPage } from './ticket.list';
import { ticketLookup, timelineOf } from './ticket.loaders';
import type { TicketStatus } from './ticket.rules';
import {
  acceptTicket,
  cancelTicket,
  dispatchTicket,
  escalateTicket,
  rateTicket,
  reopenTicket,
  resolveTicket,
  returnTicket,
  submitTicket,
} from './ticket.service';
import type { TicketEntity } from './ticket.entity';
import { Ticket, TicketPayload, TimelineEntry, toTicket } from './ticket.type';
import { visibilityWhere } from './ticket.visibility';

export const TicketConnection = Connection(Ticket, 'Ticket');

/** A changed ticket as its author sees it now (masking by the same rules as any read). */
async function payload(ctx: SubgraphContext, row: TicketEntity): Promise<TicketPayload> {
  return { ticket: toTicket(row, await requestViewer(ctx), ctx.now()) };
}

@Resolver(() => Ticket)
export class TicketResolver {
  /** NOT_FOUND when there is no such ticket, FORBIDDEN when the caller may not see it. */
  @Query(() => Ticket, { nullable: true })
  async ticket(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Ticket> {
    const found = await ticketLookup(ctx, id);
    if (!found) throw notFound('Ticket');
    if (!found.visible) throw forbidden();
    return found.visible;
  }

  @Query(() => TicketConnection, { description: "Tickets the caller may see, narrowed by the filter; newest first (createdAt, then id)." })
  async tickets(
    @Arg('filter', () => TicketFilter) filter: TicketFilter,
    @Arg('first', () => Int, { nullable: true, description: '1–100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    const viewer = await requestViewer(ctx);
    const now = ctx.now();
    return ticketPage(ctx.em, viewer, now, await filterWhere(ctx.em, viewer, filter, now), { first, after });
  }

  @Query(() => TicketConnection, {
    description:
      "The scope's tickets ordered by their last change, oldest first (updatedAt, then id), for keeping a warehouse in step: a ticket changed again appears again later; resuming from a stored endCursor misses no change. Analysts and admins; the scope must lie in the caller's scope.",
  })
  async ticketChanges(
    @Arg('scopeId', () => ID) scopeId: string,
    @Arg('first', () => Int, { nullable: true, description: '1–1,000, default 100.' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    return ticketChanges(ctx.em, await requestViewer(ctx), ctx.now(), { scopeId, first, after });
  }

  @Query(() => TicketConnection, { description: 'The tickets the caller reported (or that staff submitted on their behalf).' })
  async myTickets(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    return ticketPage(ctx.em, await requestViewer(ctx), ctx.now(), { where: () => ({ reporterId: ctx.actor.personId }) }, { first, after });
  }

  @Mutation(() => TicketPayload)
  async submitTicket(@Arg('input', () => SubmitTicketInput) input: SubmitTicketInput, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => submitTicket(em, cmd, input)));
  }

  @Mutation(() => TicketPayload)
  async dispatchTicket(
    @Arg('id', () => ID) id: string,
    @Arg('assigneeId', () => ID) assigneeId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => dispatchTicket(em, cmd, id, assigneeId, note)));
  }

  @Mutation(() => TicketPayload)
  async escalateTicket(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => escalateTicket(em, cmd, id, reason)));
  }

  @Mutation(() => TicketPayload)
  async acceptTicket(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => acceptTicket(em, cmd, id)));
  }

  @Mutation(() => TicketPayload)
  async returnTicket(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => returnTicket(em, cmd, id, reason)));
  }

  @Mutation(() => TicketPayload)
  async resolveTicket(@Arg('id', () => ID) id: string, @Arg('feedback') feedback: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => resolveTicket(em, cmd, id, feedback)));
  }

  @Mutation(() => TicketPayload)
  async cancelTicket(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => cancelTicket(em, cmd, id, reason)));
  }

  @Mutation(() => TicketPayload)
  async rateTicket(
    @Arg('id', () => ID) id: string,
    @Arg('score', () => Int) score: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => rateTicket(em, cmd, id, score, comment)));
  }

  @Mutation(() => TicketPayload)
  async reopenTicket(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => reopenTicket(em, cmd, id, reason)));
  }

  @FieldResolver(() => [TimelineEntry], { description: 'Every transition, oldest first.' })
  timeline(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): Promise<TimelineEntry[]> {
    return timelineOf(ctx, ticket.id);
  }

  @FieldResolver(() => ServiceItem, { nullable: true })
  serviceItem(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): Promise<ServiceItem | null> | null {
    return ticket.serviceItemId ? serviceItemById(ctx, ticket.serviceItemId) : null;
  }
}

@Resolver(() => Organisation)
export class OrganisationTicketsResolver {
  /**
   * The organisation's work queue: tickets dispatched to it now. Its own
   * staff see all of them; admins and analysts whose scope holds the
   * organisation see those of their scope; anyone else is FORBIDDEN.
   */
  @FieldResolver(() => TicketConnection, { nullable: true })
  async assignedTickets(
    @Root() org: Organisation,
    @Arg('status', () => [TicketStatusEnum], { nullable: true }) status: TicketStatus[] | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    const viewer = await requestViewer(ctx);
    const statuses = statusesOf(status);
    const statusWhere = statuses ? { status: { $in: statuses } } : {};
    if (isSystemAdmin(viewer) || actsFor(ctx.actor, org.id)) {
      return ticketPage(ctx.em, viewer, ctx.now(), { where: () => ({ assigneeId: org.id, ...statusWhere }) }, { first, after });
    }
    const node = (await orgNodes(ctx.em, [org.id])).get(org.id);
    if (!node || !hasRole(ctx.actor, ...SCOPE_READERS) || !inScope(viewer, subtreePrefix(node))) throw forbidden();
    return ticketPage(ctx.em, viewer, ctx.now(), { where: () => ({ $and: [visibilityWhere(viewer) ?? {}, { assigneeId: org.id, ...statusWhere }] }) }, {
      first,
      after,
    });
  }
}
