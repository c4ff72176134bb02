import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  seconds: number;
  connections: number;
  /** Variables to rotate through, one set per request (distinct pages, as a real pull sends). */
  variants?: Record<string, unknown>[];
}

/** A fixed-duration closed-loop load of one GraphQL operation (autocannon). */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: opts.url,
    method: 'POST',
    connections: opts.connections,
    duration: opts.seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
    body: JSON.stringify({ query: opts.query, variables: opts.variables ?? {} }),
    ...(opts.variants?.length
      ? {
          requests: [
            {
              setupRequest: (req: any) => {
                const variables = opts.variants![next++ % opts.variants!.length];
                return { ...req, body: JSON.stringify({ query: opts.query, variables }) };
              },
            },
          ],
        }
      : {}),
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    seconds: opts.seconds,
  };
}

/** Checks once that the operation answers without GraphQL errors (a fast error is no benchmark). */
export async function assertAnswers(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || body.errors) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

/**
 * Latency of one operation with one request in flight (no queueing, no
 * coalescing): `count` requests after `warmup` unmeasured ones, each checked
 * for errors. What a list costs, rather than how many the machine can push.
 */
export async function sequentialLatency(url: string, token: string, query: string, variables: Record<string, unknown>, count: number, warmup = 3): Promise<{ p50: number; p99: number; count: number }> {
  const ms: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    await assertAnswers(url, token, query, variables);
    if (i >= warmup) ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(ms, p) * 10) / 10;
  return { p50: at(50), p99: at(99), count: ms.length };
}
