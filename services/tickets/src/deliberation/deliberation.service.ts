import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { dialectOf } from '@linli/events';
import { badInput, checkName, checkText, forbidden, hasRole, notFound, type Actor } from '@linli/platform';
import { nodeInScope, orgNodes, type Command, type OrgNode } from '@linli/subgraph-kit';
import { GridNodeEntity } from '../projection/grid-node.entity';
import { viewerOf } from '../projection/scope';
import { DELIBERATION_WRITERS, canDispatchAt, canSeeTicket } from '../ticket/ticket.access';
import { TicketEntity, TicketHandlerEntity } from '../ticket/ticket.entity';
import { OPEN_STATUSES } from '../ticket/ticket.rules';
import { applyTransition } from '../ticket/ticket.transition';
import { factsOf } from '../ticket/ticket.type';
import { DeliberationEntity, DeliberationTicketEntity } from './deliberation.entity';
import { checkTicketIds, holdDeliberation } from './deliberation.rules';
import type { ScheduleDeliberationInput } from './deliberation.type';

/** The community a deliberation is written in: it must be in the caller's scope, and the caller a community writer. */
async function communityForWrite(em: EntityManager, actor: Actor, communityId: string): Promise<OrgNode> {
  if (!hasRole(actor, ...DELIBERATION_WRITERS)) throw forbidden();
  const community = (await orgNodes(em, [communityId])).get(communityId);
  if (!community) throw notFound('Community');
  if (!nodeInScope(actor, community)) throw forbidden();
  if (community.kind !== 'COMMUNITY') throw badInput('communityId', 'communityId must be a COMMUNITY');
  return community;
}

/** 议事会: a meeting of the community taking up tickets of that community which the caller may see. */
export async function scheduleDeliberation(em: EntityManager, cmd: Command, input: ScheduleDeliberationInput): Promise<DeliberationEntity> {
  const community = await communityForWrite(em, cmd.actor, input.communityId);
  const topic = checkName('topic', input.topic);
  const ticketIds = checkTicketIds(input.ticketIds);
  if (input.gridId) {
    const grid = await em.findOne(GridNodeEntity, { id: input.gridId });
    if (!grid || grid.communityId !== community.id) throw badInput('gridId', 'gridId is not a grid of the community');
  }
  const [tickets, handlers, viewer] = await Promise.all([
    em.find(TicketEntity, { id: { $in: ticketIds } }),
    em.find(TicketHandlerEntity, { ticketId: { $in: ticketIds } }),
    viewerOf(em, cmd.actor),
  ]);
  const byId = new Map(tickets.map((t) => [t.id, t]));
  for (const id of ticketIds) {
    const t = byId.get(id);
    if (!t) throw badInput('ticketIds', `Ticket ${id} does not exist`);
    const facts = factsOf(t, handlers.filter((h) => h.ticketId === id).map((h) => h.organisationId));
    // A meeting settles a ticket only where its caller could settle it: the
    // role that dispatches at the ticket's escalation level, in scope.
    if (!canSeeTicket(viewer, facts) || !canDispatchAt(viewer, facts)) throw forbidden();
    if (t.communityId !== community.id) throw badInput('ticketIds', `Ticket ${t.code} belongs to another community`);
  }

  const deliberation = em.create(DeliberationEntity, {
    id: randomUUID(),
    format: input.format,
    topic,
    communityId: community.id,
    gridId: input.gridId ?? null,
    scheduledAt: input.scheduledAt,
    status: 'SCHEDULED',
    outcome: null,
    heldAt: null,
    scheduledById: cmd.actor.personId,
    createdAt: cmd.now,
  });
  ticketIds.forEach((ticketId, position) => em.create(DeliberationTicketEntity, { deliberationId: deliberation.id, ticketId, position }));
  return deliberation;
}

/**
 * SCHEDULED → HELD with its outcome. With `resolveTickets`, every linked
 * ticket not yet RESOLVED, CLOSED or CANCELLED is resolved with the outcome
 * as feedback (a DELIBERATE timeline entry and a TicketResolved event each);
 * residents then rate as usual. All in one transaction.
 */
export async function recordDeliberationOutcome(
  em: EntityManager,
  cmd: Command,
  id: string,
  outcome: string,
  resolveTickets: boolean,
): Promise<DeliberationEntity> {
  const postgres = dialectOf(em) === 'postgresql';
  const deliberation = await em.findOne(DeliberationEntity, { id }, postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!deliberation) throw notFound('Deliberation');
  await communityForWrite(em, cmd.actor, deliberation.communityId);
  const text = checkText('outcome', outcome, { required: true })!;
  deliberation.status = holdDeliberation(deliberation.status);
  deliberation.outcome = text;
  deliberation.heldAt = cmd.now;

  if (resolveTickets) {
    const links = await em.find(DeliberationTicketEntity, { deliberationId: id });
    // Locked in id order: two meetings sharing tickets cannot deadlock.
    const tickets = links.length
      ? await em.find(
          TicketEntity,
          { id: { $in: links.map((l) => l.ticketId) } },
          { orderBy: { id: 'asc' }, ...(postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
        )
      : [];
    const open = tickets.filter((t) => OPEN_STATUSES.includes(t.status));
    // Checked again at the outcome: a ticket escalated since the meeting was
    // scheduled is no longer the caller's to settle (contract: the
    // escalation-level and role rules hold for each linked ticket).
    const viewer = await viewerOf(em, cmd.actor);
    if (open.some((t) => !canDispatchAt(viewer, factsOf(t)))) throw forbidden();
    for (const t of open) {
      await applyTransition(em, t, { action: 'DELIBERATE', at: cmd.now }, { actorId: cmd.actor.personId, note: text, event: cmd.event });
    }
  }
  return deliberation;
}

/** Who reads a community's deliberations: its writers and analysts of the scope. */
export function mayReadDeliberations(actor: Actor, community: OrgNode): boolean {
  return hasRole(actor, ...DELIBERATION_WRITERS, 'ANALYST') && nodeInScope(actor, community);
}
