import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, hasRole, notFound } from '@linli/platform';
import { Connection, orgNodes, type Page, type SubgraphContext } from '@linli/subgraph-kit';
import { requestViewer, subtreePrefix } from '../projection/scope';
import { Organisation } from '../references/organisation.type';
import { ServiceItem } from '../service-item/service-item.type';
import { serviceItemById } from '../service-item/service-item.resolver';
import { SCOPE_READERS, actsFor, inScope, isSystemAdmin, personVisible } from './ticket.access';
import { TicketCategoryEnum, TicketStatusEnum } from './ticket.enums';
import { SubmitTicketInput, TicketFilter } from './ticket.input';
import { ticketChanges } from './ticket.changes';
import { LIST_COMMENT, filterWhere, statusesOf, ticketPage } from './ticket.list';
import { countAssigned } from './ticket.count';
import { ticketLookup, timelineOf } from './ticket.loaders';
import type { TicketCategory, TicketStatus } from './ticket.rules';
import {
  acceptTicket,
  cancelTicket,
  dispatchTicket,
  escalateTicket,
  reclassifyTicket,
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
  @Query(() => Ticket, {
    nullable: true,
    description: 'One ticket the caller may see (its reporter, staff and admins of its scope, its assignee while assigned and after). NOT_FOUND when there is none, FORBIDDEN when the caller may not see it.',
  })
  async ticket(@Arg('id', () => ID, { description: 'The ticket’s id.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Ticket> {
    const found = await ticketLookup(ctx, id);
    if (!found) throw notFound('Ticket');
    if (!found.visible) throw forbidden();
    return found.visible;
  }

  @Query(() => TicketConnection, { description: "Tickets the caller may see, narrowed by the filter; newest first (createdAt, then id)." })
  async tickets(
    @Arg('filter', () => TicketFilter, { description: 'Narrows the list; a scope outside the caller’s is FORBIDDEN.' }) filter: TicketFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20); anything else is BAD_USER_INPUT.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; a tampered cursor is BAD_USER_INPUT.' }) after: string | null,
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
    @Arg('scopeId', () => ID, { description: 'A district, street, community or grid in the caller’s scope (FORBIDDEN otherwise).' }) scopeId: string,
    @Arg('first', () => Int, { nullable: true, description: '1–1,000, default 100.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page (a stored one resumes the feed); a tampered cursor is BAD_USER_INPUT.' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    return ticketChanges(ctx.em, await requestViewer(ctx), ctx.now(), { scopeId, first, after });
  }

  @Query(() => TicketConnection, { description: 'The tickets the caller reported (or that staff submitted on their behalf).' })
  async myTickets(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20); anything else is BAD_USER_INPUT.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; a tampered cursor is BAD_USER_INPUT.' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    return ticketPage(ctx.em, await requestViewer(ctx), ctx.now(), { where: () => ({ reporterId: ctx.actor.personId }) }, { first, after });
  }

  @Mutation(() => TicketPayload, {
    description:
      'Reports a problem or orders a service. A resident submits as itself; grid workers and community staff may submit on a resident’s behalf (onBehalfOfPersonId). Starts SUBMITTED at COMPOUND level when its grid belongs to a compound, else COMMUNITY. BAD_USER_INPUT with the field on bad input.',
  })
  async submitTicket(@Arg('input', () => SubmitTicketInput, { description: 'What, where and how it was reported.' }) input: SubmitTicketInput, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => submitTicket(em, cmd, input)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'SUBMITTED or DISPATCHED → DISPATCHED to an organisation that handles work, by the dispatchers of the ticket’s escalation level; sets the response and resolution due times. FORBIDDEN outside the caller’s scope, INVALID_TRANSITION from any other status.',
  })
  async dispatchTicket(
    @Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string,
    @Arg('assigneeId', () => ID, { description: 'The organisation to handle it: one of the kinds that handle work (else BAD_USER_INPUT).' }) assigneeId: string,
    @Arg('note', () => String, { nullable: true, description: 'Instructions for the assignee, kept in the timeline entry.' }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => dispatchTicket(em, cmd, id, assigneeId, note)));
  }

  @Mutation(() => TicketPayload, {
    description: "Community staff and grid workers of the ticket's scope, while SUBMITTED or DISPATCHED (INVALID_TRANSITION otherwise); appends a RECLASSIFY timeline entry with the note.",
  })
  async reclassifyTicket(
    @Arg('id', () => ID, { description: 'The ticket (NOT_FOUND when unknown).' }) id: string,
    @Arg('category', () => TicketCategoryEnum, { description: 'The new category.' }) category: TicketCategory,
    @Arg('note', { description: 'Why it was reclassified, kept in the timeline entry (1–2,000 characters).' }) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => reclassifyTicket(em, cmd, id, category, note)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'SUBMITTED, DISPATCHED or ACCEPTED → SUBMITTED one escalation level up (assignee cleared), by the current level’s dispatchers. INVALID_TRANSITION past DISTRICT.',
  })
  async escalateTicket(@Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string, @Arg('reason', { description: 'Why: kept in the timeline entry (1–2000 characters).' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => escalateTicket(em, cmd, id, reason)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'DISPATCHED → ACCEPTED, by staff of the assignee. INVALID_TRANSITION from any other status.',
  })
  async acceptTicket(@Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => acceptTicket(em, cmd, id)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'DISPATCHED → SUBMITTED (assignee cleared), by staff of the assignee, with the reason.',
  })
  async returnTicket(@Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string, @Arg('reason', { description: 'Why: kept in the timeline entry (1–2000 characters).' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => returnTicket(em, cmd, id, reason)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'ACCEPTED → RESOLVED, by staff of the assignee, with feedback for the reporter.',
  })
  async resolveTicket(@Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string, @Arg('feedback', { description: 'What was done, for the reporter: kept in the timeline entry.' }) feedback: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => resolveTicket(em, cmd, id, feedback)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'SUBMITTED → CANCELLED, by its reporter only, with the reason.',
  })
  async cancelTicket(@Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string, @Arg('reason', { description: 'Why: kept in the timeline entry (1–2000 characters).' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => cancelTicket(em, cmd, id, reason)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'RESOLVED → CLOSED with a rating, once, by its reporter only. A score of 1 or 2 is a bad rating for the firm that resolved it.',
  })
  async rateTicket(
    @Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string,
    @Arg('score', () => Int, { description: 'An integer 1–5 (else BAD_USER_INPUT).' }) score: number,
    @Arg('comment', () => String, { nullable: true, description: 'Optional words with the rating.' }) comment: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => rateTicket(em, cmd, id, score, comment)));
  }

  @Mutation(() => TicketPayload, {
    description:
      'RESOLVED → ACCEPTED (same assignee), by its reporter only: not fixed. Adds 1 to reopenCount and sets a new resolution due time (72 h, URGENT 24 h).',
  })
  async reopenTicket(@Arg('id', () => ID, { description: 'The ticket’s id (NOT_FOUND when there is none).' }) id: string, @Arg('reason', { description: 'Why: kept in the timeline entry (1–2000 characters).' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<TicketPayload> {
    const cmd = ctx.command();
    return payload(ctx, await ctx.transact((em) => reopenTicket(em, cmd, id, reason)));
  }

  /** A whole contact phone shown to anyone but its owner counts for the request's one PERSONAL_DATA_READ audit entry (contract "Audit log"). */
  @FieldResolver(() => String, { nullable: true, description: 'Whole for the reporter, the scope\'s staff and grid workers, and the assignee\'s staff while DISPATCHED or ACCEPTED; else 138****5678.' })
  contactPhone(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): string | null {
    if (ticket.contactPhoneWhole) ctx.audit.personalDataShown(ticket.reporterId);
    return ticket.contactPhone;
  }

  @FieldResolver(() => [TimelineEntry], { description: 'Every transition, oldest first.' })
  async timeline(@Root() ticket: Ticket, @Ctx() ctx: SubgraphContext): Promise<TimelineEntry[]> {
    const [entries, viewer] = await Promise.all([timelineOf(ctx, ticket.id), requestViewer(ctx)]);
    // Null where the caller may not see the person, even for `actor { id }` alone.
    return entries.map((e) => (e.actor && !personVisible(viewer, ticket.scopePath, e.actor.id) ? Object.assign(new TimelineEntry(), e, { actor: null }) : e));
  }

  @FieldResolver(() => ServiceItem, { nullable: true, description: 'The service menu item ordered; null for a reported problem.' })
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
  @FieldResolver(() => TicketConnection, {
    nullable: true,
    description:
      'The organisation’s work queue: tickets dispatched to it now. Its own staff see all of them; admins and analysts whose scope holds it see those of their scope; anyone else is FORBIDDEN.',
  })
  async assignedTickets(
    @Root() org: Organisation,
    @Arg('status', () => [TicketStatusEnum], { nullable: true, description: 'Only tickets in these statuses (default: all of them).' }) status: TicketStatus[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20); anything else is BAD_USER_INPUT.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; a tampered cursor is BAD_USER_INPUT.' }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<Ticket>> {
    const viewer = await requestViewer(ctx);
    const statuses = statusesOf(status);
    const statusWhere = statuses ? { status: { $in: statuses } } : {};
    if (isSystemAdmin(viewer) || actsFor(ctx.actor, org.id)) {
      // The whole queue is visible: its size comes from the queue's counters, not from counting a year of rows.
      const total = () => countAssigned(ctx.em, org.id, statuses, LIST_COMMENT);
      return ticketPage(ctx.em, viewer, ctx.now(), { where: () => ({ assigneeId: org.id, ...statusWhere }), total }, { first, after });
    }
    const node = (await orgNodes(ctx.em, [org.id])).get(org.id);
    if (!node || !hasRole(ctx.actor, ...SCOPE_READERS) || !inScope(viewer, subtreePrefix(node))) throw forbidden();
    return ticketPage(ctx.em, viewer, ctx.now(), { where: () => ({ $and: [visibilityWhere(viewer) ?? {}, { assigneeId: org.id, ...statusWhere }] }) }, {
      first,
      after,
    });
  }
}
