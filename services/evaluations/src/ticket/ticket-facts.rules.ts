import { monthOf } from '@linli/platform';
import type { TicketEventV1, TicketSnapshotV1, TicketStatus } from '@linli/events';

/**
 * What this subgraph keeps of a ticket, from the tickets events alone: the
 * latest snapshot's fields (applied only when newer, by `ticket.version`) and
 * the facts no snapshot keeps, merged from transitions whatever their order
 * (every firm it was dispatched to, by month, and who accepted it in time).
 */
export interface TicketFacts {
  ticketId: string;
  code: string;
  version: number;
  status: TicketStatus;
  communityId: string;
  assigneeId: string | null;
  /** Who reported it and its escalation level: a deduction's ticket follows the ticket rules (who may see it). */
  reporterId: string | null;
  escalationLevel: string | null;
  submittedAt: Date;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  ratingScore: number | null;
  ratedAt: Date | null;
  /** Each (organisation, month of dispatch) once: "a ticket counts once however often it was dispatched". */
  dispatches: DispatchFact[];
  /** Organisations that accepted it by the `responseDueAt` in force at their acceptance. */
  acceptedOnTimeBy: string[];
}

export interface DispatchFact {
  firmId: string;
  /** `YYYY-MM` in UTC+8. */
  month: string;
}

/** Which transition an event announces, as far as the read models care. */
export type TicketEventKind = 'DISPATCHED' | 'ACCEPTED' | 'OTHER';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** Whether the snapshot's rating counts for assessments and rates (contract correction: residents' own and follow-ups only). */
export const ratingCounts = (s: Pick<TicketSnapshotV1, 'rating'>): boolean => !!s.rating && s.rating.counts !== false;

function snapshotFields(s: TicketSnapshotV1) {
  return {
    code: s.code,
    version: s.version,
    status: s.status,
    communityId: s.communityId,
    assigneeId: s.assigneeId,
    reporterId: s.reporterId,
    escalationLevel: s.escalationLevel,
    submittedAt: new Date(s.submittedAt),
    responseDueAt: date(s.responseDueAt),
    resolutionDueAt: date(s.resolutionDueAt),
    resolvedAt: date(s.resolvedAt),
    resolvedById: s.resolvedById,
    // A rating counts when it is a resident's own or a follow-up's (via
    // RESIDENT or FOLLOW_UP alike); one marked `counts: false` counts for
    // nobody. First-release events carry neither field: they count.
    ratingScore: ratingCounts(s) ? s.rating!.score : null,
    ratedAt: ratingCounts(s) ? date(s.rating!.ratedAt) : null,
  };
}

function withDispatch(list: DispatchFact[], firmId: string | null, at: string | null): DispatchFact[] {
  if (!firmId || !at) return list;
  const month = monthOf(new Date(at));
  return list.some((d) => d.firmId === firmId && d.month === month) ? list : [...list, { firmId, month }];
}

/**
 * The facts after one event. Pure and order-tolerant: an older snapshot
 * (lower `ticket.version`) leaves the snapshot fields alone but still adds
 * the transition's facts; applying the same event twice changes nothing.
 */
export function applyTicketEvent(prev: TicketFacts | null, kind: TicketEventKind, e: TicketEventV1): TicketFacts {
  const s = e.ticket;
  const base: TicketFacts =
    prev && prev.version >= s.version
      ? prev
      : { ...snapshotFields(s), ticketId: s.ticketId, dispatches: prev?.dispatches ?? [], acceptedOnTimeBy: prev?.acceptedOnTimeBy ?? [] };

  // Whoever is the assignee was dispatched to at `lastDispatchedAt`: true of any snapshot, so a late dispatch event loses nothing.
  let dispatches = withDispatch(base.dispatches, s.assigneeId, s.lastDispatchedAt);
  if (kind === 'DISPATCHED') dispatches = withDispatch(dispatches, s.assigneeId, e.transition.at);

  let acceptedOnTimeBy = base.acceptedOnTimeBy;
  // "accepted by F by responseDueAt": the due time in force when F accepted.
  if (kind === 'ACCEPTED' && s.assigneeId && s.responseDueAt && !acceptedOnTimeBy.includes(s.assigneeId)) {
    if (new Date(e.transition.at).getTime() <= new Date(s.responseDueAt).getTime()) acceptedOnTimeBy = [...acceptedOnTimeBy, s.assigneeId];
  }
  return { ...base, dispatches, acceptedOnTimeBy };
}

export const isResolvedStatus = (status: TicketStatus) => status === 'RESOLVED' || status === 'CLOSED';
/** Contract: "A rating of 1 or 2 is a bad rating"; satisfaction counts ratings of 4–5. */
export const BAD_RATING_MAX_SCORE = 2;
export const isBadRating = (score: number) => score <= BAD_RATING_MAX_SCORE;
export const isGoodRating = (score: number) => score >= 4;

/**
 * Resolved by `firmId` in time: the ticket is now RESOLVED or CLOSED, its last
 * resolve was by the firm, and came by the `resolutionDueAt` then in force
 * (a reopening sets a new one, which the next resolve's snapshot carries).
 */
export function resolvedInTimeBy(f: TicketFacts, firmId: string): boolean {
  return (
    isResolvedStatus(f.status) &&
    f.resolvedById === firmId &&
    f.resolvedAt !== null &&
    f.resolutionDueAt !== null &&
    f.resolvedAt.getTime() <= f.resolutionDueAt.getTime()
  );
}

/** Per-(organisation, month) counters a ticket adds to its assessment. */
export interface FirmTicketCounters {
  ticketCount: number;
  acceptedOnTime: number;
  resolvedOnTime: number;
  ratings: number;
  goodRatings: number;
  badRatings: number;
}

/** Per-(scope, month of submission) counters of the service rates. */
export interface RateCounters {
  tickets: number;
  dispatched: number;
  acceptedOnTime: number;
  resolved: number;
  rated: number;
  satisfied: number;
}

/** COMMUNITY: the tickets submitted in a community; ASSIGNEE: the tickets assigned to a handling organisation. */
export type RateDimension = 'COMMUNITY' | 'ASSIGNEE';

export type Contribution =
  | { kind: 'firm'; firmId: string; month: string; counters: Partial<FirmTicketCounters> }
  | { kind: 'rate'; dimension: RateDimension; scopeId: string; month: string; counters: Partial<RateCounters> };

const keyOf = (c: Contribution) => (c.kind === 'firm' ? `firm|${c.firmId}|${c.month}` : `rate|${c.dimension}|${c.scopeId}|${c.month}`);

function add(into: Map<string, Contribution>, c: Contribution): void {
  const key = keyOf(c);
  const existing = into.get(key);
  if (!existing) {
    into.set(key, { ...c, counters: { ...c.counters } } as Contribution);
    return;
  }
  const counters = existing.counters as Record<string, number>;
  for (const [k, v] of Object.entries(c.counters)) counters[k] = (counters[k] ?? 0) + (v ?? 0);
}

const one = (b: boolean) => (b ? 1 : 0);

/**
 * Everything one ticket adds to the pre-aggregated counters, as a pure
 * function of its facts. The consumer stores counters and applies
 * `contributionsOf(after) − contributionsOf(before)` for each event, so the
 * counters always equal the sum over tickets of their current contribution
 * (and a replay from scratch arrives at the same numbers).
 */
export function contributionsOf(f: TicketFacts | null): Contribution[] {
  const out = new Map<string, Contribution>();
  if (!f) return [];
  // Assessment (contract "Assessments"): over the tickets dispatched to F in P.
  for (const d of f.dispatches) {
    add(out, {
      kind: 'firm',
      firmId: d.firmId,
      month: d.month,
      counters: { ticketCount: 1, acceptedOnTime: one(f.acceptedOnTimeBy.includes(d.firmId)), resolvedOnTime: one(resolvedInTimeBy(f, d.firmId)) },
    });
  }
  // Ratings given in P to tickets that F resolved.
  if (f.ratingScore !== null && f.ratedAt && f.resolvedById) {
    add(out, {
      kind: 'firm',
      firmId: f.resolvedById,
      month: monthOf(f.ratedAt),
      counters: { ratings: 1, goodRatings: one(isGoodRating(f.ratingScore)), badRatings: one(isBadRating(f.ratingScore)) },
    });
  }
  // Service rates (contract "Service rates"): tickets submitted in P, cancelled ones left out.
  if (f.status !== 'CANCELLED') {
    const month = monthOf(f.submittedAt);
    const common = {
      tickets: 1,
      resolved: one(isResolvedStatus(f.status)),
      rated: one(f.ratingScore !== null),
      satisfied: one(f.ratingScore !== null && isGoodRating(f.ratingScore)),
    };
    const dispatched = f.dispatches.length > 0;
    add(out, {
      kind: 'rate',
      dimension: 'COMMUNITY',
      scopeId: f.communityId,
      month,
      counters: { ...common, dispatched: one(dispatched), acceptedOnTime: one(dispatched && f.acceptedOnTimeBy.length > 0) },
    });
    if (f.assigneeId) {
      add(out, {
        kind: 'rate',
        dimension: 'ASSIGNEE',
        scopeId: f.assigneeId,
        month,
        counters: { ...common, dispatched: 1, acceptedOnTime: one(f.acceptedOnTimeBy.includes(f.assigneeId)) },
      });
    }
  }
  return [...out.values()];
}

/** `after − before` per counter row, rows without change left out; rows in a stable order (fewer lock waits between replicas). */
export function diffContributions(before: Contribution[], after: Contribution[]): Contribution[] {
  const out = new Map<string, Contribution>();
  for (const c of after) add(out, c);
  for (const c of before) {
    const negated = Object.fromEntries(Object.entries(c.counters).map(([k, v]) => [k, -(v ?? 0)]));
    add(out, { ...c, counters: negated } as Contribution);
  }
  return [...out.entries()]
    .map(([key, c]) => ({ key, c: { ...c, counters: Object.fromEntries(Object.entries(c.counters).filter(([, v]) => v !== 0)) } as Contribution }))
    .filter(({ c }) => Object.keys(c.counters).length > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ c }) => c);
}

/** The bad rating a ticket's facts hold against the firm that resolved it (what the REPEATED_BAD_RATINGS window counts), or null. */
export function badRatingOf(f: TicketFacts | null): { firmId: string; ratedAt: Date } | null {
  if (!f || f.ratingScore === null || !f.ratedAt || !f.resolvedById || !isBadRating(f.ratingScore)) return null;
  return { firmId: f.resolvedById, ratedAt: f.ratedAt };
}

/** A bad rating the event made (none before it): the one the REPEATED_BAD_RATINGS rule reacts to. */
export function newBadRating(before: TicketFacts | null, after: TicketFacts): { firmId: string; ratedAt: Date } | null {
  return before?.ratingScore != null ? null : badRatingOf(after);
}
