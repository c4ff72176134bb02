import { assertAnswers, sequentialLatency } from './load';
import { contractOperation } from './contract';

/** Only the cursors: the cheapest walk to a depth (straight to the tickets subgraph, no fields resolved, no gateway). */
const WALK = `query Walk($filter: TicketFilter!, $first: Int, $after: String) { tickets(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } } }`;

export interface DeepPage {
  /** Rows skipped before the page. */
  depth: number;
  p50: number;
  p99: number;
  /** p50 of this page / p50 of the first page (target ≤ 1.5: a deep page costs what the first costs). */
  ratio: number;
}

/**
 * TicketExport pages after 100k / 500k / 900k rows (10 / 50 / 90 % of the
 * scope when it holds under a million): the cursor is walked there with
 * id-only pages of 100, then the contract page after it is timed through the
 * gateway like the first page.
 */
export async function deepPages(opts: {
  gatewayUrl: string;
  ticketsUrl: string;
  token: string;
  filter: Record<string, unknown>;
  period: string;
  total: number;
  count: number;
  log: (line: string) => void;
}): Promise<{ pages: DeepPage[]; walkRowsPerSecond: number }> {
  const depths = opts.total >= 1_000_000 ? [100_000, 500_000, 900_000] : [0.1, 0.5, 0.9].map((f) => Math.max(1, Math.floor(opts.total * f)));
  const page = (after: string | null) => sequentialLatency(opts.gatewayUrl, opts.token, contractOperation('TicketExport'), { filter: opts.filter, period: opts.period, first: 100, ...(after ? { after } : {}) }, opts.count);
  const first = await page(null);
  opts.log(`  first page: p50 ${first.p50} ms`);
  const pages: DeepPage[] = [{ depth: 0, p50: first.p50, p99: first.p99, ratio: 1 }];
  let after: string | null = null;
  let walked = 0;
  let walkMs = 0;
  for (const depth of depths) {
    const started = performance.now();
    while (walked < depth) {
      const first = Math.min(100, depth - walked);
      const data = (await assertAnswers(opts.ticketsUrl, opts.token, WALK, { filter: opts.filter, first, after })) as { tickets: { pageInfo: { hasNextPage: boolean; endCursor: string } } };
      after = data.tickets.pageInfo.endCursor;
      walked += first;
      if (!data.tickets.pageInfo.hasNextPage) break;
    }
    walkMs += performance.now() - started;
    const r = await page(after);
    const ratio = Math.round((r.p50 / Math.max(first.p50, 0.1)) * 100) / 100;
    pages.push({ depth: walked, p50: r.p50, p99: r.p99, ratio });
    opts.log(`  page after ${walked} rows: p50 ${r.p50} ms (${ratio}× the first)`);
  }
  return { pages, walkRowsPerSecond: Math.round(walked / Math.max(walkMs / 1000, 0.001)) };
}
