import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { checkPageSize, forbidden, notFound } from '@linli/platform';
import { decodeCursor, orgNodes, toPage, type Page } from '@linli/subgraph-kit';
import { placeGrid, subtreePrefix } from '../projection/scope';
import { inScope, isSystemAdmin, type Viewer } from './ticket.access';
import { TicketEntity } from './ticket.entity';
import type { TicketFilter } from './ticket.input';
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

/**
 * One page, newest first by (`createdAt`, `id`), with a keyset cursor: two
 * statements (the page, `first + 1` rows, and the count) whatever the page
 * size. Relations on the page are loaded by the per-request loaders, one
 * statement per relation.
 */
export async function ticketPage(
  em: EntityManager,
  viewer: Viewer,
  now: Date,
  where: WhereBuilder,
  args: { first?: number | null; after?: string | null },
): Promise<Page<Ticket>> {
  const first = checkPageSize(args.first);
  const cursor = decodeCursor(args.after);
  const keyset: Where | null = cursor
    ? { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }] }
    : null;
  const [rows, total] = await Promise.all([
    em.find(TicketEntity, and(where(), keyset), { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1, comments: [LIST_COMMENT] }),
    em.count(TicketEntity, where(), { comments: [LIST_COMMENT] }),
  ]);
  return toPage(rows, first, total, (row) => toTicket(row, viewer, now));
}

/** `overdue` as SQL, the same as `isOverdue` (ticket.due.ts): a due time before now whose step has not happened. */
export function overdueWhere(overdue: boolean, now: Date): Where {
  const late: Where[] = [
    { status: 'DISPATCHED', responseDueAt: { $lt: now } },
    { status: { $in: ['DISPATCHED', 'ACCEPTED'] }, resolutionDueAt: { $lt: now } },
  ];
  if (overdue) return { $or: late };
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

/**
 * The caller's visibility plus every filter of `TicketFilter`. An explicit
 * `scopeId` or `gridId` outside the caller's scope is FORBIDDEN (nothing of
 * the other scope leaks: no count, no names).
 */
export async function filterWhere(em: EntityManager, viewer: Viewer, filter: TicketFilter, now: Date): Promise<WhereBuilder> {
  const parts: Where[] = [];
  if (filter.scopeId) {
    const node = (await orgNodes(em, [filter.scopeId])).get(filter.scopeId);
    if (!node) throw isSystemAdmin(viewer) ? notFound('Organisation') : forbidden();
    const prefix = subtreePrefix(node);
    if (!isSystemAdmin(viewer) && !inScope(viewer, prefix)) throw forbidden();
    parts.push(subtreeCondition({ id: node.id, kind: node.kind, prefix }));
  }
  if (filter.gridId) {
    const placed = await placeGrid(em, filter.gridId);
    if (!placed) throw isSystemAdmin(viewer) ? notFound('Grid') : forbidden();
    if (!isSystemAdmin(viewer) && !inScope(viewer, placed.scopePath)) throw forbidden();
    parts.push({ gridId: placed.grid.id });
  }
  if (filter.assigneeId) parts.push({ assigneeId: filter.assigneeId });
  if (filter.status) parts.push({ status: filter.status });
  if (filter.category) parts.push({ category: filter.category });
  if (filter.escalationLevel) parts.push({ escalationLevel: filter.escalationLevel });
  if (filter.overdue !== null && filter.overdue !== undefined) parts.push(overdueWhere(filter.overdue, now));
  if (filter.createdFrom) parts.push({ createdAt: { $gte: filter.createdFrom } });
  if (filter.createdTo) parts.push({ createdAt: { $lt: filter.createdTo } });
  return () => and(visibilityWhere(viewer), ...parts);
}
