import { queryRows } from './sql';
import { percentile } from './stats';

/**
 * Rating → assessment latency, per rating: from the moment the rating was
 * recorded with its event in the tickets database to the commit of the
 * evaluations consumer that applied it (the same event id in its
 * processed_event table). No polling: both instants are recorded by the
 * services themselves.
 */
export async function ratingLatencies(ticketsDbUrl: string, evaluationsDbUrl: string, since: Date): Promise<{ count: number; p50: number; p99: number; max: number }> {
  const rated = await queryRows<{ id: string; at: Date }>(ticketsDbUrl, `select id, occurred_at as at from outbox_event where type = 'tickets.ticket.rated' and occurred_at >= $1`, [since]);
  const applied = await queryRows<{ id: string; at: Date }>(
    evaluationsDbUrl,
    `select event_id as id, processed_at as at from processed_event where consumer = 'evaluations' and event_id = any($1::uuid[])`,
    [rated.map((r) => r.id)],
  );
  const appliedAt = new Map(applied.map((a) => [a.id, a.at.getTime()]));
  const ms = rated
    .filter((r) => appliedAt.has(r.id))
    .map((r) => appliedAt.get(r.id)! - r.at.getTime())
    .sort((a, b) => a - b);
  return { count: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1] ?? NaN };
}
