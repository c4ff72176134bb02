import { queryRows } from './sql';
import { percentile } from './stats';

export interface RatingLatencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** The first leg, p50 / p99: from the rating to its event's publish confirmed by the stream (the outbox row's `published_at`). */
  toPublish: { p50: number; p99: number };
  /** The second leg, p50 / p99: from the publish to the evaluations consumer's commit. */
  toApply: { p50: number; p99: number };
  /** The worst rating of each second of the load, in order: where bursts show as a run of high values. */
  worstPerSecond: number[];
}

/**
 * Rating → assessment latency, per rating: from the moment the rating was
 * recorded with its event in the tickets database to the commit of the
 * evaluations consumer that applied it (the same event id in its
 * processed_event table), split at the relay's publish. No polling: every
 * instant is recorded by the services themselves.
 */
export async function ratingLatencies(ticketsDbUrl: string, evaluationsDbUrl: string, since: Date): Promise<RatingLatencies> {
  const rated = await queryRows<{ id: string; at: Date; publishedAt: Date | null }>(
    ticketsDbUrl,
    `select id, occurred_at as at, published_at as "publishedAt" from outbox_event where type = 'tickets.ticket.rated' and occurred_at >= $1`,
    [since],
  );
  const applied = await queryRows<{ id: string; at: Date }>(
    evaluationsDbUrl,
    `select event_id as id, processed_at as at from processed_event where consumer = 'evaluations' and event_id = any($1::uuid[])`,
    [rated.map((r) => r.id)],
  );
  const appliedAt = new Map(applied.map((a) => [a.id, a.at.getTime()]));
  const legs = rated
    .filter((r) => appliedAt.has(r.id) && r.publishedAt)
    .map((r) => ({ at: r.at.getTime(), published: r.publishedAt!.getTime(), applied: appliedAt.get(r.id)! }))
    .sort((a, b) => a.at - b.at);
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const ms = sorted(legs.map((l) => l.applied - l.at));
  const toPublish = sorted(legs.map((l) => l.published - l.at));
  const toApply = sorted(legs.map((l) => l.applied - l.published));
  const worstPerSecond: number[] = [];
  for (const l of legs) {
    const second = Math.floor((l.at - legs[0].at) / 1000);
    worstPerSecond[second] = Math.max(worstPerSecond[second] ?? 0, l.applied - l.at);
  }
  return {
    count: ms.length,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? NaN,
    toPublish: { p50: percentile(toPublish, 50), p99: percentile(toPublish, 99) },
    toApply: { p50: percentile(toApply, 50), p99: percentile(toApply, 99) },
    worstPerSecond: Array.from(worstPerSecond, (v) => v ?? 0),
  };
}
