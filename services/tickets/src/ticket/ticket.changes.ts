import type { EntityManager } from '@mikro-orm/core';
import { checkPageSize, forbidden, hasRole, notFound, type Role } from '@linli/platform';
import { decodeCursor, findRows, keysetPast, encodeCursor, orgNodes, type Page } from '@linli/subgraph-kit';
import { subtreePrefix } from '../projection/scope';
import { inScope, isSystemAdmin, type Viewer } from './ticket.access';
import { countFromCounters } from './ticket.count';
import { TicketEntity } from './ticket.entity';
import { toTicket, type Ticket } from './ticket.type';
import { subtreeCondition } from './ticket.visibility';

/** Who pulls changes (contract "Incremental analytics": analysts and admins). */
export const CHANGE_READERS: readonly Role[] = ['ANALYST', 'DISTRICT_ADMIN', 'STREET_ADMIN'];

/**
 * How long a change waits before `ticketChanges` hands it out. A write's
 * `updatedAt` is read from the clock inside its transaction, which commits a
 * little later; a reader that had already passed that instant would never
 * see it (the keyset only moves forward). Serving only changes older than
 * this window means every transaction that could still commit with an
 * earlier `updatedAt` has committed (or rolled back) by the time a reader
 * gets there. Write transactions are bounded far below it: the subgraph's
 * statement timeout (kit) and lock waits of a few seconds at most.
 */
export const CHANGES_SETTLE_MS = 10_000;

/** Tag on the statements, so operators (and tests) can tell them apart. */
export const CHANGES_COMMENT = 'tickets:changes';

/**
 * A page of the scope's tickets ordered by their last change, oldest first
 * by (`updatedAt`, `id`): one index range scan on `(…, updated_at, id)`
 * starting at the cursor, whatever the scope's size or the cursor's depth.
 * A keyset cursor names a position, not a snapshot: it stays valid for as
 * long as the caller keeps it. Plain rows, not entities (a page is only serialised).
 */
export async function ticketChanges(
  em: EntityManager,
  viewer: Viewer,
  now: Date,
  args: { scopeId: string; first?: number | null; after?: string | null },
): Promise<Page<Ticket>> {
  const first = checkPageSize(args.first, { max: 1000, fallback: 100 });
  const cursor = decodeCursor(args.after);
  const admin = isSystemAdmin(viewer);
  if (!admin && !hasRole(viewer.actor, ...CHANGE_READERS)) throw forbidden();
  const node = (await orgNodes(em, [args.scopeId])).get(args.scopeId);
  if (!node) throw admin ? notFound('Organisation') : forbidden();
  const prefix = subtreePrefix(node);
  // The scope lies inside the caller's subtree, which it reads whole: the scope is the visibility.
  if (!admin && !inScope(viewer, prefix)) throw forbidden();
  const scope = subtreeCondition({ id: node.id, kind: node.kind, prefix });
  const settled = { updatedAt: { $lte: new Date(now.getTime() - CHANGES_SETTLE_MS) } };
  const rows = await findRows(em, TicketEntity, { $and: [scope, settled, ...(cursor ? [keysetPast<TicketEntity>(em, cursor, { column: 'updated_at', direction: '>' })] : [])] }, {
    orderBy: { updatedAt: 'asc', id: 'asc' },
    limit: first + 1,
    comments: [CHANGES_COMMENT],
  });
  const visible = rows.slice(0, first);
  const edges = visible.map((row) => ({ cursor: encodeCursor({ createdAt: row.updatedAt, id: row.id }), node: toTicket(row, viewer, now) }));
  let total: Promise<number> | null = null;
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : (args.after ?? null) },
    // The scope's tickets, from the counters (each appears once however often it changed).
    get totalCount() {
      total ??= countFromCounters(em, { scopeId: node.id, statuses: null, category: null, escalationLevel: null, fromMonth: null, toMonth: null }, CHANGES_COMMENT);
      return total as unknown as number;
    },
  };
}
