import { signToken } from '@linli/platform';
import { contractOperation } from './contract';
import { assertAnswers } from './load';
import { queryRows } from './sql';

export interface Ratable {
  ticketId: string;
  reporterId: string;
}

const resolvedUnrated = (ticketsDbUrl: string, size: number) =>
  queryRows<Ratable>(
    ticketsDbUrl,
    `select id as "ticketId", reporter_id as "reporterId" from ticket where status = 'RESOLVED' and rating_score is null and ratable order by resolved_at desc limit $1`,
    [size],
  );

/**
 * The steady rating load's tickets: resolved ones nobody rated yet. A
 * district-year ends with ~2,300 of them and every run rates `size`, so a
 * database reused a few times runs out; the pool is then topped up the way
 * the firms' app would make more: accepted tickets resolved through the
 * gateway by their assignee's staff (dispatched ones accepted first,
 * `AcceptTicket`, then `ResolveTicket`: a reused district-year runs out of
 * accepted tickets too), and the measured load
 * starts once evaluations has applied the last of them (their events must not
 * queue ahead of the ratings). Nothing is written behind the services' backs.
 */
export async function ratingPool(opts: { gatewayUrl: string; secret: string; ticketsDbUrl: string; evaluationsDbUrl: string; size: number }): Promise<Ratable[]> {
  const pool = await resolvedUnrated(opts.ticketsDbUrl, opts.size);
  const missing = opts.size - pool.length;
  if (missing <= 0) return pool;
  // Accepted ones first (one step each), then dispatched ones.
  const open = await queryRows<{ id: string; assigneeId: string; status: string }>(
    opts.ticketsDbUrl,
    `select id, assignee_id as "assigneeId", status from ticket where status in ('ACCEPTED', 'DISPATCHED') and assignee_id is not null and ratable
     order by status = 'ACCEPTED' desc, updated_at desc, id limit $1`,
    [missing],
  );
  const accept = contractOperation('AcceptTicket');
  const resolve = contractOperation('ResolveTicket');
  for (const t of open) {
    const token = await signToken({ sub: `bench-handler-${t.assigneeId}`, roles: ['HANDLER_STAFF'], orgs: [t.assigneeId], expiresIn: 600 }, opts.secret);
    if (t.status === 'DISPATCHED') await assertAnswers(opts.gatewayUrl, token, accept, { id: t.id });
    await assertAnswers(opts.gatewayUrl, token, resolve, { id: t.id, feedback: '已处理 (bench)' });
  }
  if (open.length) await applied(opts, open[open.length - 1].id);
  return resolvedUnrated(opts.ticketsDbUrl, opts.size);
}

/** Waits (a minute at most) until the evaluations consumer has applied the ticket's last event. */
async function applied(opts: { ticketsDbUrl: string; evaluationsDbUrl: string }, ticketId: string): Promise<void> {
  const [last] = await queryRows<{ id: string }>(opts.ticketsDbUrl, `select id from outbox_event where payload -> 'ticket' ->> 'ticketId' = $1 order by seq desc limit 1`, [ticketId]);
  const deadline = Date.now() + 60_000;
  while (last && Date.now() < deadline) {
    const [done] = await queryRows<{ n: number }>(opts.evaluationsDbUrl, `select count(*)::int as n from processed_event where consumer = 'evaluations' and event_id = $1`, [last.id]);
    if (done.n) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the evaluations consumer did not apply the resolved tickets within a minute');
}
