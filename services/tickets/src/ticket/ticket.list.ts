import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { checkPageSize, forbidden, notFound } from '@linli/platform';
import { decodeCursor, findRows, keysetPast, orgNodes, toPage, type Page } from '@linli/subgraph-kit';
import { placeGrid, subtreePrefix } from '../projection/scope';
import { hasRole } from '@linli/platform';
import { SCOPE_READERS, inScope, isSystemAdmin, type Viewer } from './ticket.access';
import { countFromCounters } from './ticket.count';
import { ALL_SCOPES, countPlan, type CountPlan, type RowRange } from './ticket.count.rules';
import { TicketEntity } from './ticket.entity';
import type { TicketFilter } from './ticket.input';
import type { TicketStatus } from './ticket.rules';
import { toTicket, type Ticket } from './ticket.type';
import { subtreeCondition, visibilityWhere } from './ticket.visibility';

type Where = FilterQuery<TicketEntity>;
/**
 * A filter built afresh for each statement: MikroORM's raw fragments (the
 * handler semi-join) are consumed by the query that uses them.
 */
export type WhereBuilder = () => Where;

const and = (...parts: (Where | null | undefined)[]): Where => {
  const list = parts.filter((p): p is Where => !!p);
  return list.length === 0 ? {} : list.length === 1 ? list[0] : { $and: list };
};

/** Tag on the list statements, so operators (and the SQL-count test) can tell them apart. */
export const LIST_COMMENT = 'tickets:list';

/** A list's rows, and how to count them exactly. */
export interface TicketList {
  where: WhereBuilder;
  /**
   * When the counters answer this filter (ticket.count.rules.ts `countPlan`):
   * whole months from them, and the filter's rows within each of the plan's
   * creation ranges (`within`); otherwise all the rows are counted.
   */
  counted?: { plan: CountPlan; within: (range: RowRange) => Where } | null;
  /** An exact count that answers the whole filter by other means (a work queue's counters); it wins over `counted`. */
  total?: () => Promise<number>;
}

/**
 * One page, newest first by (`createdAt`, `id`), with a keyset cursor: one
 * statement for the page (`first + 1` rows) whatever the page size or depth,
 * and `totalCount` only when the query selects it (a getter: nobody reads
 * it otherwise), from the counters when they answer the filter. Relations
 * on the page are loaded by the per-request loaders, one statement per relation.
 * The rows are read as plain rows, not entities: a page is only serialised.
 */
export async function ticketPage(
  em: EntityManager,
  viewer: Viewer,
  now: Date,
  list: TicketList,
  args: { first?: number | null; after?: string | null },
): Promise<Page<Ticket>> {
  const first = checkPageSize(args.first);
  const cursor = decodeCursor(args.after);
  const rows = await findRows(em, TicketEntity, and(list.where(), cursor ? keysetPast<TicketEntity>(em, cursor) : null), {
    orderBy: { createdAt: 'desc', id: 'desc' },
    limit: first + 1,
    comments: [LIST_COMMENT],
  });
  let total: Promise<number> | null = null;
  return lazyTotal(toPage(rows, first, 0, (row) => toTicket(row, viewer, now)), () => (total ??= countList(em, list)));
}

/** `totalCount`, exact: from the counters and the rows of the plan's edge ranges, or from all the rows. */
async function countList(em: EntityManager, list: TicketList): Promise<number> {
  if (list.total) return list.total();
  if (!list.counted) return em.count(TicketEntity, list.where(), { comments: [LIST_COMMENT] });
  const { plan, within } = list.counted;
  let n = plan.counters ? await countFromCounters(em, plan.counters, LIST_COMMENT) : 0;
  for (const range of plan.rows) n += await em.count(TicketEntity, within(range), { comments: [LIST_COMMENT] });
  return n;
}

/** The page with `totalCount` computed on first read (GraphQL reads a field only when it is selected). */
function lazyTotal<T>(page: Page<T>, count: () => Promise<number>): Page<T> {
  const { edges, pageInfo } = page;
  return {
    edges,
    pageInfo,
    get totalCount() {
      return count() as unknown as number;
    },
  };
}

/** `overdue` as SQL, the same as `isOverdue` (ticket.due.ts): a due time before now whose step has not happened. */
export function overdueWhere(overdue: boolean, now: Date): Where {
  const late: Where[] = [
    { status: 'DISPATCHED', responseDueAt: { $lt: now } },
    { status: { $in: ['DISPATCHED', 'ACCEPTED'] }, resolutionDueAt: { $lt: now } },
  ];
  // The status conjunct is implied by both branches; spelled out, it lets the planner use the open-ticket partial indexes.
  if (overdue) return { $and: [{ status: { $in: ['DISPATCHED', 'ACCEPTED'] } }, { $or: late }] };
  // Spelled out rather than NOT(…): a null due time must count as "not late", not as unknown.
  const notYet = (field: 'responseDueAt' | 'resolutionDueAt'): Where => ({ $or: [{ [field]: null }, { [field]: { $gte: now } }] });
  return {
    $or: [
      { status: { $nin: ['DISPATCHED', 'ACCEPTED'] } },
      { $and: [{ status: 'DISPATCHED' }, notYet('responseDueAt'), notYet('resolutionDueAt')] },
      { $and: [{ status: 'ACCEPTED' }, notYet('resolutionDueAt')] },
    ],
  };
}

/** A status filter as given (one value or a list), deduplicated: at most one parameter per status, whatever the client sends. */
export function statusesOf(status: TicketStatus | TicketStatus[] | null | undefined): TicketStatus[] | null {
  if (status === null || status === undefined) return null;
  const list = [...new Set(Array.isArray(status) ? status : [status])];
  return list.length ? list : null;
}

/**
 * The caller's visibility plus every filter of `TicketFilter`. An explicit
 * `scopeId` or `gridId` outside the caller's scope is FORBIDDEN (nothing of
 * the other scope leaks: no count, no names). When the requested scope lies
 * inside a scope the caller reads whole (a scope reader's subtree, or a
 * system admin), the visibility conditions are left out: they hold for
 * every row of the scope, and their OR would keep the planner off the
 * scope's index.
 */
export async function filterWhere(em: EntityManager, viewer: Viewer, filter: TicketFilter, now: Date): Promise<TicketList> {
  const parts: Where[] = [];
  const admin = isSystemAdmin(viewer);
  const reader = hasRole(viewer.actor, ...SCOPE_READERS);
  let covered = admin;
  let countScope: string | null = admin ? ALL_SCOPES : null;
  if (filter.scopeId) {
    const node = (await orgNodes(em, [filter.scopeId])).get(filter.scopeId);
    if (!node) throw admin ? notFound('Organisation') : forbidden();
    const prefix = subtreePrefix(node);
    if (!admin && !inScope(viewer, prefix)) throw forbidden();
    covered ||= reader;
    countScope = node.id;
    parts.push(subtreeCondition({ id: node.id, kind: node.kind, prefix }));
  }
  if (filter.gridId) {
    const placed = await placeGrid(em, filter.gridId);
    if (!placed) throw admin ? notFound('Grid') : forbidden();
    if (!admin && !inScope(viewer, placed.scopePath)) throw forbidden();
    covered ||= reader;
    parts.push({ gridId: placed.grid.id });
  }
  const statuses = statusesOf(filter.status);
  if (filter.assigneeId) parts.push({ assigneeId: filter.assigneeId });
  if (statuses) parts.push({ status: statuses.length === 1 ? statuses[0] : { $in: statuses } });
  if (filter.category) parts.push({ category: filter.category });
  if (filter.escalationLevel) parts.push({ escalationLevel: filter.escalationLevel });
  if (filter.overdue !== null && filter.overdue !== undefined) parts.push(overdueWhere(filter.overdue, now));
  const created = (range: RowRange): Where[] => [
    ...(range.from ? [{ createdAt: { $gte: range.from } }] : []),
    ...(range.to ? [{ createdAt: { $lt: range.to } }] : []),
  ];
  const plan = covered && countScope ? countPlan(countScope, { ...filter, statuses }) : null;
  const within = (range: RowRange) => and(covered ? null : visibilityWhere(viewer), ...parts, ...created(range));
  return { where: () => within({ from: filter.createdFrom ?? null, to: filter.createdTo ?? null }), counted: plan && { plan, within } };
}
