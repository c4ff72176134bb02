import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { HANDLING_KINDS, badInput, checkLatLng, checkName, checkPhone, checkText, forbidden, hasRole, isHandlingKind, notFound } from '@linli/platform';
import { orgNodes, requireActiveOrg, requirePersonInScope, sqlRows, type Command } from '@linli/subgraph-kit';
import { placeGrid, viewerOf } from '../projection/scope';
import { ServiceItemEntity } from '../service-item/service-item.entity';
import { canSeeTicket, mayAct, maySubmit, type ActorAction } from './ticket.access';
import { codeDay, ticketCode } from './ticket.code';
import { recordCounts } from './ticket.count';
import { TicketEntity, TicketHandlerEntity } from './ticket.entity';
import type { SubmitTicketInput } from './ticket.input';
import { checkReclassify, startingLevel, submitted, type TicketCategory } from './ticket.rules';
import { recordTransition } from './ticket.events';
import { appendTimeline, applyTransition, lockTicket, recordSubmission, stateColumns, type TransitionContext } from './ticket.transition';
import { factsOf } from './ticket.type';

const transitionContext = (cmd: Command, note: string | null): TransitionContext => ({ actorId: cmd.actor.personId, note, event: cmd.event });

/**
 * The next number of a day's code sequence, in the submitting transaction:
 * the counter row is upserted and incremented in one statement, so two
 * submissions never get the same number (the second waits for the first's
 * row lock on PostgreSQL; SQLite has one writer). The unique index on `code`
 * backs it up.
 */
async function nextCodeSequence(em: EntityManager, day: string): Promise<number> {
  const rows = await sqlRows<{ last: number | string }>(
    em,
    'insert into "ticket_code_counter" ("day", "last") values (?, 1) on conflict ("day") do update set "last" = "ticket_code_counter"."last" + 1 returning "last"',
    [day],
  );
  return Number(rows[0].last);
}

/** 居民下单: a resident as themself, or staff for a resident (door knocking, hotline) on a grid of their scope. */
export async function submitTicket(em: EntityManager, cmd: Command, input: SubmitTicketInput): Promise<TicketEntity> {
  const { actor, now } = cmd;
  const title = checkName('title', input.title);
  const description = checkText('description', input.description, { required: true })!;
  const contactPhone = input.contactPhone ? checkPhone('contactPhone', input.contactPhone) : null;
  if (input.location) checkLatLng('location', input.location.lat, input.location.lng);
  const onBehalfOf = input.onBehalfOfPersonId?.trim() || null;
  if (onBehalfOf && onBehalfOf.length > 100) throw badInput('onBehalfOfPersonId', 'onBehalfOfPersonId is not a person id');

  const placed = await placeGrid(em, input.gridId);
  if (!placed) throw notFound('Grid');
  if (placed.grid.retiredAt) throw badInput('gridId', 'The grid is retired: it takes no new tickets');
  const viewer = await viewerOf(em, actor);
  const onBehalf = onBehalfOf !== null && onBehalfOf !== actor.personId;
  if (!maySubmit(viewer, placed.scopePath, onBehalf)) throw forbidden();
  // The resident named must be in the caller's scope already (contract correction):
  // reporting would otherwise place a stranger in the ticket's community.
  if (onBehalf) await requirePersonInScope(em, actor, onBehalfOf);

  let serviceItemId: string | null = null;
  if (input.serviceItemId) {
    const item = await em.findOne(ServiceItemEntity, { id: input.serviceItemId });
    if (!item || item.communityId !== placed.community.id || item.retiredAt) {
      throw badInput('serviceItemId', "serviceItemId is not on the menu of the grid's community");
    }
    serviceItemId = item.id;
  }

  const day = codeDay(now);
  const code = ticketCode(day, await nextCodeSequence(em, day));
  const t = em.create(TicketEntity, {
    ...stateColumns(submitted(input.priority ?? 'NORMAL', startingLevel(placed.grid.compoundId))),
    id: randomUUID(),
    code,
    title,
    description,
    category: input.category,
    channel: input.channel,
    gridId: placed.grid.id,
    compoundId: placed.grid.compoundId,
    communityId: placed.community.id,
    scopePath: placed.scopePath,
    reporterId: onBehalfOf ?? actor.personId,
    // A resident reporting, or staff reporting for a resident: the resident rates it. Staff reporting as themselves do not.
    ratable: onBehalf || actor.roles.has('RESIDENT'),
    submittedById: actor.personId,
    serviceItemId,
    contactPhone,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  recordSubmission(em, t, transitionContext(cmd, null));
  await recordCounts(em, null, t);
  return t;
}

/**
 * Loads and locks the ticket a command targets: NOT_FOUND when it does not
 * exist, FORBIDDEN when the caller may not see it or may not issue this
 * command (the state machine then decides whether it applies now).
 */
async function ticketFor(em: EntityManager, cmd: Command, id: string, action: ActorAction): Promise<{ t: TicketEntity }> {
  const t = await lockTicket(em, id);
  if (!t) throw notFound('Ticket');
  const viewer = await viewerOf(em, cmd.actor);
  const handlers = await em.find(TicketHandlerEntity, { ticketId: t.id });
  const facts = factsOf(t, handlers.map((h) => h.organisationId));
  if (!canSeeTicket(viewer, facts) || !mayAct(viewer, facts, action)) throw forbidden();
  return { t };
}

/** 社区派单: to an organisation of a handling kind (may lie outside the caller's scope: it is only referenced). */
export async function dispatchTicket(em: EntityManager, cmd: Command, id: string, assigneeId: string, note?: string | null): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'DISPATCH');
  const text = checkText('note', note);
  const assignee = (await orgNodes(em, [assigneeId])).get(assigneeId);
  if (!assignee) throw badInput('assigneeId', 'assigneeId is not a known organisation');
  if (!isHandlingKind(assignee.kind)) throw badInput('assigneeId', `Tickets are dispatched to organisations that handle work (${HANDLING_KINDS.join(', ')})`);
  requireActiveOrg(assignee, 'assigneeId');
  if (t.status === 'DISPATCHED' && t.assigneeId === assignee.id) throw badInput('assigneeId', 'The ticket is already dispatched to this organisation');
  return applyTransition(em, t, { action: 'DISPATCH', at: cmd.now, assigneeId: assignee.id }, transitionContext(cmd, text));
}

/** One level up, back to SUBMITTED with no assignee; past DISTRICT is INVALID_TRANSITION. */
export async function escalateTicket(em: EntityManager, cmd: Command, id: string, reason: string): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'ESCALATE');
  const note = checkText('reason', reason, { required: true });
  return applyTransition(em, t, { action: 'ESCALATE', at: cmd.now }, transitionContext(cmd, note));
}

/** 接单: the assignee's staff. */
export async function acceptTicket(em: EntityManager, cmd: Command, id: string): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'ACCEPT');
  return applyTransition(em, t, { action: 'ACCEPT', at: cmd.now }, transitionContext(cmd, null));
}

export async function returnTicket(em: EntityManager, cmd: Command, id: string, reason: string): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'RETURN');
  const note = checkText('reason', reason, { required: true });
  return applyTransition(em, t, { action: 'RETURN', at: cmd.now }, transitionContext(cmd, note));
}

/** 结案反馈: the feedback goes in the timeline note. */
export async function resolveTicket(em: EntityManager, cmd: Command, id: string, feedback: string): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'RESOLVE');
  const note = checkText('feedback', feedback, { required: true });
  return applyTransition(em, t, { action: 'RESOLVE', at: cmd.now }, transitionContext(cmd, note));
}

export async function cancelTicket(em: EntityManager, cmd: Command, id: string, reason: string): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'CANCEL');
  const note = checkText('reason', reason, { required: true });
  return applyTransition(em, t, { action: 'CANCEL', at: cmd.now }, transitionContext(cmd, note));
}

/** 评单: once, by the reporter, on a RESOLVED ticket; it closes the ticket. */
export async function rateTicket(em: EntityManager, cmd: Command, id: string, score: number, comment?: string | null): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'RATE');
  // Staff who reported it as themselves are its reporter but may not rate it
  // (contract correction): FORBIDDEN (a matter of who, whatever the status).
  if (!t.ratable) throw forbidden('Only a resident rates a ticket; staff who reported it themselves cannot');
  const text = checkText('comment', comment);
  return applyTransition(em, t, { action: 'RATE', at: cmd.now, score, comment: text, via: 'RESIDENT' }, transitionContext(cmd, text));
}

/** "Not fixed": the reporter sends it back to the same assignee. */
export async function reopenTicket(em: EntityManager, cmd: Command, id: string, reason: string): Promise<TicketEntity> {
  const { t } = await ticketFor(em, cmd, id, 'REOPEN');
  const note = checkText('reason', reason, { required: true });
  return applyTransition(em, t, { action: 'REOPEN', at: cmd.now }, transitionContext(cmd, note));
}

/**
 * `reclassifyTicket`: community staff and grid workers of the ticket's scope
 * (those who may dispatch it), while SUBMITTED or DISPATCHED; a RECLASSIFY
 * timeline entry carries the note. The status does not change.
 */
export async function reclassifyTicket(em: EntityManager, cmd: Command, id: string, category: TicketCategory, note: string): Promise<TicketEntity> {
  if (!hasRole(cmd.actor, 'SYSTEM_ADMIN', 'COMMUNITY_STAFF', 'GRID_WORKER')) throw forbidden();
  const { t } = await ticketFor(em, cmd, id, 'DISPATCH');
  const text = checkText('note', note, { required: true });
  checkReclassify(t.status, t.category, category);
  t.category = category;
  t.version += 1;
  t.updatedAt = cmd.now;
  const ctx = transitionContext(cmd, text);
  appendTimeline(em, t, 'RECLASSIFY', t.status, ctx);
  recordTransition(em, t, { action: 'RECLASSIFY', at: cmd.now, fromStatus: t.status, actorId: ctx.actorId }, ctx.event);
  return t;
}
