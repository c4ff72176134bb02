import type { EntityManager } from '@mikro-orm/core';
import { forbidden, notFound, type Actor } from '@linli/platform';
import { viewerOf } from '../projection/scope';
import { canSeeTicket, type TicketFacts, type Viewer } from '../ticket/ticket.access';
import { TicketEntity, TicketHandlerEntity } from '../ticket/ticket.entity';
import { lockTicket } from '../ticket/ticket.transition';
import { factsOf } from '../ticket/ticket.type';

export interface SeenTicket {
  row: TicketEntity;
  facts: TicketFacts;
  viewer: Viewer;
}

/**
 * The ticket a conversation write is about, with the caller's view of it:
 * NOT_FOUND when there is none, FORBIDDEN when the caller may not see it
 * (comments, uploads and follow-ups never reach past the ticket's own rules).
 */
export async function seenTicket(em: EntityManager, actor: Actor, id: string, { lock = false } = {}): Promise<SeenTicket> {
  // Locked when the write counts what is already on the ticket (nine files per stage), so two requests cannot both pass.
  const row = lock ? await lockTicket(em, id) : await em.findOne(TicketEntity, { id });
  if (!row) throw notFound('Ticket');
  const [viewer, handlers] = await Promise.all([viewerOf(em, actor), em.find(TicketHandlerEntity, { ticketId: row.id })]);
  const facts = factsOf(row, handlers.map((h) => h.organisationId));
  if (!canSeeTicket(viewer, facts)) throw forbidden();
  return { row, facts, viewer };
}
