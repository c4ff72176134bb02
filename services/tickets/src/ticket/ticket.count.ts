import type { EntityManager } from '@mikro-orm/core';
import { dialectOf } from '@linli/events';
import { addToCounters, placeholders, sqlRows, sqlRun } from '@linli/subgraph-kit';
import { TicketAssigneeCountEntity, TicketCountEntity } from './ticket-count.entity';
import { assigneeDeltas, countDeltas, scopeNodes, type AssigneeDelta, type CountDelta, type CountQuery, type CountedTicket } from './ticket.count.rules';

const addToScopeCounters = (em: EntityManager, rows: readonly CountDelta[]) =>
  addToCounters(
    em,
    TicketCountEntity,
    rows.map(({ n, ...keys }) => ({ keys, deltas: { n } })),
  );

const addToAssigneeCounters = (em: EntityManager, rows: readonly AssigneeDelta[]) =>
  addToCounters(
    em,
    TicketAssigneeCountEntity,
    rows.map((d) => ({ keys: { assigneeId: d.assigneeId, status: d.status }, deltas: { n: d.n } })),
  );

/**
 * Applies a write's counter changes in its transaction (an upsert per row,
 * PostgreSQL and SQLite alike), so a count is exact as soon as the write
 * commits and never counts a write that rolled back. Call it last in a
 * write: the counter rows are shared by every ticket of the same month,
 * status, category and level (the `*` and district rows by all of them), and
 * their row locks are held until the commit. So the unit of work's own rows
 * (the ticket, its timeline entry, its event) are written first, and the
 * counters only hold their locks for the upsert and the commit. Taken before
 * the flush, concurrent ratings at a district-year queued 50–680 ms on them.
 */
export async function recordCounts(em: EntityManager, before: CountedTicket | null, after: CountedTicket): Promise<void> {
  await em.flush();
  await addToScopeCounters(em, countDeltas(before, after));
  await addToAssigneeCounters(em, assigneeDeltas(before, after));
}

/** The snapshot the counters key on, taken before a transition changes the row. */
export const countedOf = (t: CountedTicket): CountedTicket => ({
  scopePath: t.scopePath,
  createdAt: t.createdAt,
  status: t.status,
  category: t.category,
  escalationLevel: t.escalationLevel,
  assigneeId: t.assigneeId,
});

/** A count from the counters: one index range on the counter key, at most months × statuses × categories × levels rows. */
export async function countFromCounters(em: EntityManager, q: CountQuery, comment: string): Promise<number> {
  const where = ['scope_id = ?'];
  const params: unknown[] = [q.scopeId];
  if (q.statuses) {
    where.push(`status in (${placeholders(q.statuses.length)})`);
    params.push(...q.statuses);
  }
  const add = (condition: string, value: string | null) => {
    if (value === null) return;
    where.push(condition);
    params.push(value);
  };
  add('category = ?', q.category);
  add('escalation_level = ?', q.escalationLevel);
  add('month >= ?', q.fromMonth);
  add('month < ?', q.toMonth);
  const rows = await sqlRows<{ total: number | string | null }>(em, `select sum(n) as total from ticket_count where ${where.join(' and ')} /* ${comment} */`, params);
  return Number(rows[0]?.total ?? 0);
}

/** The size of an organisation's work queue in the given statuses (all when null), from its counter rows: at most one row per status. */
export async function countAssigned(em: EntityManager, assigneeId: string, statuses: readonly string[] | null, comment: string): Promise<number> {
  const where = statuses ? ` and status in (${placeholders(statuses.length)})` : '';
  const rows = await sqlRows<{ total: number | string | null }>(em, `select sum(n) as total from ticket_assignee_count where assignee_id = ?${where} /* ${comment} */`, [
    assigneeId,
    ...(statuses ?? []),
  ]);
  return Number(rows[0]?.total ?? 0);
}

/**
 * A moved organisation moves its subtree's counts: its own counter rows
 * (every ticket below it) are subtracted from the ancestors it leaves and
 * added to the ones it joins, in the move's transaction.
 */
export async function moveCounts(em: EntityManager, nodeId: string, leftAncestors: readonly string[], joinedAncestors: readonly string[]): Promise<void> {
  const rows = await sqlRows<{ month: string; status: string; category: string; escalation_level: string; n: number }>(
    em,
    'select month, status, category, escalation_level, n from ticket_count where scope_id = ? and n <> 0',
    [nodeId],
  );
  const moved = (scopeId: string, sign: number) =>
    rows.map((r): CountDelta => ({ scopeId, month: r.month, status: r.status, category: r.category, escalationLevel: r.escalation_level, n: sign * Number(r.n) }));
  await addToScopeCounters(em, [...leftAncestors.flatMap((scopeId) => moved(scopeId, -1)), ...joinedAncestors.flatMap((scopeId) => moved(scopeId, 1))]);
}

/**
 * Recomputes every counter (scopes and work queues) from the ticket rows, in one transaction: for
 * tickets loaded in bulk past the write path (the bulk seed, tests), and as
 * the operator's repair. Grouped in SQL by scope path (a few thousand rows
 * at district scale), expanded to scope nodes here.
 */
export async function rebuildCounts(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    const month =
      dialectOf(tx) === 'postgresql' ? `to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM')` : `strftime('%Y-%m', created_at / 1000 + 28800, 'unixepoch')`;
    type Row = { scope_path: string; month: string; status: string; category: string; escalation_level: string; n: number | string };
    const groups = await sqlRows<Row>(
      tx,
      `select scope_path, ${month} as month, status, category, escalation_level, count(*) as n from ticket group by scope_path, ${month}, status, category, escalation_level`,
    );
    const totals = new Map<string, CountDelta>();
    for (const g of groups) {
      for (const scopeId of scopeNodes(g.scope_path)) {
        const k = [scopeId, g.month, g.status, g.category, g.escalation_level].join('\u0000');
        const found = totals.get(k) ?? { scopeId, month: g.month, status: g.status, category: g.category, escalationLevel: g.escalation_level, n: 0 };
        found.n += Number(g.n);
        totals.set(k, found);
      }
    }
    await sqlRun(tx, 'delete from ticket_count');
    await addToScopeCounters(tx, [...totals.values()]);
    const queues = await sqlRows<{ assignee_id: string; status: string; n: number | string }>(
      tx,
      'select assignee_id, status, count(*) as n from ticket where assignee_id is not null group by assignee_id, status',
    );
    await sqlRun(tx, 'delete from ticket_assignee_count');
    await addToAssigneeCounters(tx, queues.map((q) => ({ assigneeId: q.assignee_id, status: q.status, n: Number(q.n) })));
  });
}
