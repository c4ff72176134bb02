import { randomUUID } from 'node:crypto';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { checkText, forbidden, hasRole, isSystemAdmin, monthOf, notFound, type Actor } from '@linli/platform';
import { RectificationIssued, RectificationOverdue, recordEvent, type EnvelopeMeta } from '@linli/events';
import { addToCounters, claimDue, findForUpdate, lockKey, nodeInScope, orgNodes, type Command } from '@linli/subgraph-kit';
import { CompoundEntity } from '../compound/compound.entity';
import { TicketFactEntity } from '../ticket/ticket-fact.entity';
import { BAD_RATING_MAX_SCORE } from '../ticket/ticket-facts.rules';
import { causedBy } from '../shared/cause';
import { addToFirmMonths } from '../assessment/firm-month.counters';
import { FirmStateEntity } from './firm-state.entity';
import { RectificationEntity } from './rectification.entity';
import {
  badRatingWindowStart,
  dueAtFor,
  isRectifiable,
  nextStatus,
  statusAt,
  OPEN_STATUSES,
  REPEATED_BAD_RATINGS_THRESHOLD,
  shouldIssueForBadRatings,
  type RectificationReason,
} from './rectification.rules';

/** Serialises every decision about one organisation's rectifications and firm state (replicas, scheduler, finalisation). */
export const lockFirm = (em: EntityManager, firmId: string) => lockKey(em, 'firm', firmId);

/** Issues a rectification and announces it, in the caller's transaction. */
export function issueRectification(
  em: EntityManager,
  firmId: string,
  reason: RectificationReason,
  issuedAt: Date,
  meta: EnvelopeMeta,
  period: string | null = null,
): RectificationEntity {
  const row = em.create(RectificationEntity, {
    id: randomUUID(),
    firmId,
    reason,
    status: 'ISSUED',
    period,
    issuedAt,
    dueAt: dueAtFor(issuedAt),
    response: null,
    respondedAt: null,
    verificationNote: null,
    verifiedAt: null,
    overdueAt: null,
    overdueMonth: null,
  });
  recordEvent(em, RectificationIssued, { rectificationId: row.id, firmId, reason, issuedAt: issuedAt.toISOString(), dueAt: row.dueAt.toISOString() }, meta);
  return row;
}

/** A firm's open rectifications for repeated bad ratings ("F has no open rectification of that reason"). */
export const openForBadRatings = (em: EntityManager, firmId: string) =>
  em.count(RectificationEntity, { firmId, reason: 'REPEATED_BAD_RATINGS', status: { $in: [...OPEN_STATUSES] } });

/** The stored bad ratings against a firm rated from `from` (to `to`, when given): what the REPEATED_BAD_RATINGS window counts. */
export const badRatingsAgainst = (firmId: string, from: Date, to?: Date): FilterQuery<TicketFactEntity> => ({
  resolvedById: firmId,
  ratingScore: { $lte: BAD_RATING_MAX_SCORE },
  ratedAt: to ? { $gte: from, $lte: to } : { $gte: from },
});

/**
 * Contract: "issued automatically when F's bad ratings in the trailing 30
 * days reach 3 and F has no open rectification of that reason". Runs in the
 * consumer's transaction right after the bad rating was counted; the window
 * ends at the rating (not at the wall clock), so a late delivery decides the
 * same way.
 */
export async function onBadRating(em: EntityManager, firmId: string, ratedAt: Date, cause: { id: string; correlationId: string | null }): Promise<void> {
  if (!isRectifiable((await orgNodes(em, [firmId])).get(firmId)?.kind)) return;
  await lockFirm(em, firmId);
  const open = await openForBadRatings(em, firmId);
  // Even a full window issues nothing while one is open: the window is counted only when it can matter.
  if (!shouldIssueForBadRatings(REPEATED_BAD_RATINGS_THRESHOLD, open)) return;
  const inWindow = await em.count(TicketFactEntity, badRatingsAgainst(firmId, badRatingWindowStart(ratedAt), ratedAt));
  if (!shouldIssueForBadRatings(inWindow, open)) return;
  // The chain keeps the rating request's id; the rating event is the cause.
  issueRectification(em, firmId, 'REPEATED_BAD_RATINGS', ratedAt, causedBy(cause, ratedAt));
}

async function loadForTransition(em: EntityManager, id: string): Promise<RectificationEntity> {
  // Locked: the overdue scheduler must not turn it OVERDUE between our check and our write.
  const row = await findForUpdate(em, RectificationEntity, { id });
  if (!row) throw notFound('Rectification');
  return row;
}

/** Contract: HANDLER_STAFF respond to their own organisation's rectifications. */
export async function respondRectification(em: EntityManager, cmd: Command, id: string, response: string): Promise<RectificationEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, 'HANDLER_STAFF', 'SYSTEM_ADMIN')) throw forbidden();
  const text = checkText('response', response, { required: true })!;
  const row = await loadForTransition(em, id);
  const firm = (await orgNodes(em, [row.firmId])).get(row.firmId);
  if (!isSystemAdmin(actor) && !(firm && nodeInScope(actor, firm))) throw forbidden();
  // A late answer is INVALID_TRANSITION: at its due time it is OVERDUE, whether or not the scheduler has passed.
  row.status = nextStatus(statusAt(row.status, row.dueAt, now), 'RESPOND');
  row.response = text;
  row.respondedAt = now;
  return row;
}

/** Contract: "staff and admins whose scope holds a compound the firm manages". */
export async function mayVerify(em: EntityManager, actor: Actor, firmId: string): Promise<boolean> {
  if (isSystemAdmin(actor)) return true;
  if (!hasRole(actor, 'COMMUNITY_STAFF', 'STREET_ADMIN', 'DISTRICT_ADMIN')) return false;
  const compounds = await em.find(CompoundEntity, { propertyFirmId: firmId });
  const communities = await orgNodes(em, compounds.map((c) => c.communityId));
  return [...communities.values()].some((node) => nodeInScope(actor, node));
}

export async function verifyRectification(
  em: EntityManager,
  cmd: Command,
  id: string,
  passed: boolean,
  note: string | null | undefined,
): Promise<RectificationEntity> {
  const { actor, now } = cmd;
  if (!hasRole(actor, 'COMMUNITY_STAFF', 'STREET_ADMIN', 'DISTRICT_ADMIN', 'SYSTEM_ADMIN')) throw forbidden();
  const text = checkText('note', note);
  const row = await loadForTransition(em, id);
  if (!(await mayVerify(em, actor, row.firmId))) throw forbidden();
  row.status = nextStatus(statusAt(row.status, row.dueAt, now), 'VERIFY', passed);
  row.verificationNote = text;
  // A failed verification sends it back to ISSUED: the organisation responds again before the same due time.
  if (passed) row.verifiedAt = now;
  return row;
}

/**
 * One pass of the overdue scheduler: every rectification still open at its
 * due time becomes OVERDUE, which (contract) adds a 5-point deduction in the
 * month it became overdue, recommends the organisation's replacement, and
 * announces it (the grids subgraph puts the firm's compounds under review).
 * Rows are claimed with `claimDue` (FOR UPDATE SKIP LOCKED): replicas never
 * act on the same one. Returns how many it marked.
 */
export async function markOverdueRectifications(em: EntityManager, now: Date, batch = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const marked = await em.fork().transactional(async (tx) => {
      const due = await claimDue(tx, RectificationEntity, { status: { $in: [...OPEN_STATUSES] }, dueAt: { $lte: now } }, { limit: batch, orderBy: { dueAt: 'asc', id: 'asc' } });
      for (const r of due) {
        await lockFirm(tx, r.firmId);
        const overdueAt = r.dueAt;
        r.status = 'OVERDUE';
        r.overdueAt = overdueAt;
        r.overdueMonth = monthOf(overdueAt);
        const meta = { source: 'evaluations', correlationId: r.id, occurredAt: now };
        await addToCounters(tx, FirmStateEntity, [{ keys: { firmId: r.firmId }, deltas: {} }]);
        await tx.nativeUpdate(FirmStateEntity, { firmId: r.firmId }, { replacementRecommended: true });
        recordEvent(
          tx,
          RectificationOverdue,
          {
            rectificationId: r.id,
            firmId: r.firmId,
            reason: r.reason,
            issuedAt: r.issuedAt.toISOString(),
            dueAt: r.dueAt.toISOString(),
            overdueAt: overdueAt.toISOString(),
          },
          meta,
        );
        await addToFirmMonths(tx, [{ firmId: r.firmId, month: r.overdueMonth, counters: { overdueRectifications: 1 } }], meta);
      }
      return due.length;
    });
    total += marked;
    if (marked < batch) return total;
  }
}
