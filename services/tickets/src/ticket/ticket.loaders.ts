import { groupBy, type SubgraphContext } from '@linli/subgraph-kit';
import { requestViewer } from '../projection/scope';
import { canSeeTicket } from './ticket.access';
import { TicketEntity, TicketHandlerEntity, TimelineEntryEntity } from './ticket.entity';
import { factsOf, toTicket, toTimelineEntry, type Ticket, type TimelineEntry } from './ticket.type';

export type TicketLookup = { row: TicketEntity; visible: Ticket | null } | null;

/** Tickets by id with what this caller may see of them: three statements for any number of ids. */
async function lookupTickets(ctx: SubgraphContext, ids: readonly string[]): Promise<TicketLookup[]> {
  const [rows, handlers, viewer] = await Promise.all([
    ctx.em.find(TicketEntity, { id: { $in: [...ids] } }),
    ctx.em.find(TicketHandlerEntity, { ticketId: { $in: [...ids] } }),
    requestViewer(ctx),
  ]);
  const handlersOf = groupBy(ids, handlers, (h) => h.ticketId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = ctx.now();
  return ids.map((id, i) => {
    const row = byId.get(id);
    if (!row) return null;
    const handlerIds = handlersOf[i].map((h) => h.organisationId);
    return { row, visible: canSeeTicket(viewer, factsOf(row, handlerIds)) ? toTicket(row, viewer, now, handlerIds) : null };
  });
}

export const ticketLookup = (ctx: SubgraphContext, id: string) => ctx.loaders.load<NonNullable<TicketLookup>>('ticket', id, (ids) => lookupTickets(ctx, ids));

/** The reference resolver's batch: null for what the caller may not see (evaluations shows deductions' tickets through it). */
export async function loadVisibleTickets(ctx: SubgraphContext, ids: readonly string[]): Promise<(Ticket | null)[]> {
  return Promise.all(ids.map(async (id) => (await ticketLookup(ctx, id))?.visible ?? null));
}

export function timelineOf(ctx: SubgraphContext, ticketId: string): Promise<TimelineEntry[]> {
  return ctx.loaders
    .load('ticket.timeline', ticketId, async (ids) => {
      const rows = await ctx.em.find(TimelineEntryEntity, { ticketId: { $in: [...ids] } }, { orderBy: { ticketId: 'asc', seq: 'asc' } });
      return groupBy(ids, rows, (r) => r.ticketId).map((list) => list.map(toTimelineEntry));
    })
    .then((list) => list ?? []);
}
