import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, checkText, forbidden, invalidTransition } from '@linli/platform';
import type { Command } from '@linli/subgraph-kit';
import { TimelineEntryEntity, type TicketEntity } from '../ticket/ticket.entity';
import { applyTransition, recordTimelineOnly } from '../ticket/ticket.transition';
import { TicketFollowUpEntity } from './follow-up.entity';
import { FOLLOW_UP_STATUSES, followUpOutcome, followUpScoreProblem, mayFollowUp } from './follow-up.rules';
import type { FollowUpInput } from './follow-up.type';
import { seenTicket } from './seen-ticket';

/**
 * 回访: records the call on the timeline (FOLLOW_UP) and, when the reporter
 * was reached on a RESOLVED and unrated ticket, rates and closes it through
 * the state machine with `via: FOLLOW_UP` (the rated event then counts for
 * the assignee like a resident's own rating).
 */
export async function followUpTicket(em: EntityManager, cmd: Command, id: string, input: FollowUpInput): Promise<TicketEntity> {
  const { row, facts, viewer } = await seenTicket(em, cmd.actor, id, { lock: true });
  const lastDispatch = await em.findOne(TimelineEntryEntity, { ticketId: row.id, action: 'DISPATCH' }, { orderBy: { seq: 'desc' } });
  if (!mayFollowUp(viewer, facts, { submittedById: row.submittedById, lastDispatcherId: lastDispatch?.actorId ?? null })) throw forbidden();
  if (!FOLLOW_UP_STATUSES.includes(row.status)) throw invalidTransition(row.status, 'FOLLOW_UP');
  const problem = followUpScoreProblem(input.reached, input.score);
  if (problem) throw badInput('score', problem);
  const note = checkText('note', input.note);
  const score = input.reached ? input.score! : null;

  em.create(TicketFollowUpEntity, { id: randomUUID(), ticketId: row.id, at: cmd.now, reached: input.reached, score, note, recordedById: cmd.actor.personId });
  const ctx = { actorId: cmd.actor.personId, note, event: cmd.event };
  const outcome = followUpOutcome({ status: row.status, rated: row.ratingScore !== null, ratable: row.ratable }, input.reached);
  recordTimelineOnly(em, row, 'FOLLOW_UP', cmd.now, ctx);
  if (outcome === 'RATES') return applyTransition(em, row, { action: 'RATE', at: cmd.now, score: score!, comment: note, via: 'FOLLOW_UP' }, ctx);
  return row;
}
