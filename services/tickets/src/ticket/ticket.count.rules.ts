// Which counter rows (ticket-count.entity.ts) a ticket counts under, and
// which filters the counters can answer exactly: pure, so the write path,
// the bulk seed and the list share one definition.

import { monthOf, parsePeriod } from '@linli/platform';

/** The everything-node: every ticket counts under it once. */
export const ALL_SCOPES = '*';

export interface CountedTicket {
  scopePath: string;
  createdAt: Date;
  status: string;
  category: string;
  escalationLevel: string;
  /** The organisation it is dispatched to now, if any: its work queue counts it (`assigneeDeltas`). */
  assigneeId: string | null;
}

export interface CountKey {
  scopeId: string;
  month: string;
  status: string;
  category: string;
  escalationLevel: string;
}

export interface CountDelta extends CountKey {
  n: number;
}

/** `YYYY-MM` of an instant in UTC+8 (the district's calendar; the platform's one rule for months). */
export { monthOf };

/** The UTC+8 month an instant lies in, as the platform's periods read it (`start` inclusive, `end` exclusive). */
const monthAround = (at: Date) => parsePeriod(monthOf(at));

/** True when `at` is the first instant of a UTC+8 month. */
export const isMonthStart = (at: Date): boolean => monthAround(at).start.getTime() === at.getTime();

/** The first instant of the UTC+8 month `at` lies in. */
export const monthStart = (at: Date): Date => monthAround(at).start;

/** The first instant of the UTC+8 month after the one `at` lies in. */
export const nextMonthStart = (at: Date): Date => monthAround(at).end;

/** The nodes a scope path names, `/d/s/c/` → d, s, c, plus `*`. */
export const scopeNodes = (scopePath: string): string[] => [ALL_SCOPES, ...scopePath.split('/').filter(Boolean)];

export function countKeys(t: CountedTicket): CountKey[] {
  const month = monthOf(t.createdAt);
  return scopeNodes(t.scopePath).map((scopeId) => ({ scopeId, month, status: t.status, category: t.category, escalationLevel: t.escalationLevel }));
}

const keyString = (k: CountKey) => [k.scopeId, k.month, k.status, k.category, k.escalationLevel].join('\u0000');

/**
 * What a write changes in one kind of counter: −1 on each key `before`
 * counted under, +1 on each key `after` counts under, netted (a key both
 * count under does not change). Sorted by key, for a stable answer (the
 * kit's `addToCounters` itself takes rows in key order, against deadlocks).
 */
function netDeltas<K extends object>(before: CountedTicket | null, after: CountedTicket, keysOf: (t: CountedTicket) => K[], keyOf: (k: K) => string): (K & { n: number })[] {
  const deltas = new Map<string, K & { n: number }>();
  const add = (keys: K[], n: number) => {
    for (const k of keys) {
      const s = keyOf(k);
      const d = deltas.get(s) ?? { ...k, n: 0 };
      d.n += n;
      deltas.set(s, d);
    }
  };
  if (before) add(keysOf(before), -1);
  add(keysOf(after), 1);
  return [...deltas.entries()]
    .filter(([, d]) => d.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

/** The scope counters' changes of a write: `before` null for a new ticket. */
export const countDeltas = (before: CountedTicket | null, after: CountedTicket): CountDelta[] => netDeltas(before, after, countKeys, keyString);

/** A change of a work queue's counter (ticket_assignee_count): an assignee × status. */
export interface AssigneeDelta {
  assigneeId: string;
  status: string;
  n: number;
}

/** The work queue a ticket counts in: its assignee's, under its status; none without an assignee. */
const queueKeys = (t: CountedTicket): { assigneeId: string; status: string }[] => (t.assigneeId ? [{ assigneeId: t.assigneeId, status: t.status }] : []);

/** The work-queue counters' changes of a write: the ticket leaves its old assignee × status and joins the new one. */
export const assigneeDeltas = (before: CountedTicket | null, after: CountedTicket): AssigneeDelta[] =>
  netDeltas(before, after, queueKeys, (k) => `${k.assigneeId}\u0000${k.status}`);

/** A filter the counters answer: a scope node, optional status set, category, level and whole months. */
export interface CountQuery {
  scopeId: string;
  statuses: readonly string[] | null;
  category: string | null;
  escalationLevel: string | null;
  /** Inclusive `YYYY-MM`. */
  fromMonth: string | null;
  /** Exclusive `YYYY-MM`. */
  toMonth: string | null;
}

export interface CountableFilter {
  statuses: readonly string[] | null;
  category?: string | null;
  escalationLevel?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  gridId?: string | null;
  assigneeId?: string | null;
  overdue?: boolean | null;
}

/** A creation range `[from, to)` counted from the rows (a bound that is not a month start: at most a month or two of the scope). */
export interface RowRange {
  from: Date | null;
  to: Date | null;
}

/**
 * How to count a list exactly: whole months from the counters, the parts of
 * months a bound cuts (`createdFrom` / `createdTo` not at a month start)
 * from the rows of those ranges. Null when the counters cannot answer the
 * filter at all (a grid, an assignee, `overdue`): the list then counts rows,
 * on a narrower index. `counters` null: no whole month lies in the range.
 */
export interface CountPlan {
  counters: CountQuery | null;
  rows: RowRange[];
}

/**
 * The plan for a list whose rows are exactly the filter within `scopeId`
 * (the caller's visibility already implied): an analytics pull of "the last
 * 365 days" reads a month of rows at each edge, not the year, on every page.
 */
export function countPlan(scopeId: string, f: CountableFilter): CountPlan | null {
  if (f.gridId || f.assigneeId || (f.overdue !== null && f.overdue !== undefined)) return null;
  const lo = f.createdFrom ?? null;
  const hi = f.createdTo ?? null;
  const wholeFrom = lo && (isMonthStart(lo) ? lo : nextMonthStart(lo));
  const wholeTo = hi && (isMonthStart(hi) ? hi : monthStart(hi));
  // No whole month inside: the range is at most parts of two months, counted from the rows.
  if (wholeFrom && wholeTo && wholeFrom.getTime() >= wholeTo.getTime()) return { counters: null, rows: [{ from: lo, to: hi }] };
  const rows: RowRange[] = [];
  if (lo && wholeFrom !== lo) rows.push({ from: lo, to: wholeFrom });
  if (hi && wholeTo !== hi) rows.push({ from: wholeTo, to: hi });
  return {
    counters: {
      scopeId,
      statuses: f.statuses,
      category: f.category ?? null,
      escalationLevel: f.escalationLevel ?? null,
      fromMonth: wholeFrom ? monthOf(wholeFrom) : null,
      toMonth: wholeTo ? monthOf(wholeTo) : null,
    },
    rows,
  };
}
