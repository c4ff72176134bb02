import { assertAnswers } from './load';
import { contractOperation } from './contract';

export interface Pull {
  name: string;
  /** Rows in the scope (totalCount of the first page). */
  total: number;
  /** Rows actually pulled, and how long that took. */
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  pagesPerSecond: number;
  /** Seconds for all `total` rows: measured when complete, else extrapolated from the measured rate. */
  fullSeconds: number;
  extrapolated: boolean;
}

type Page = { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount?: number };

interface Walked {
  rows: number;
  pages: number;
  /** The last page was reached. */
  done: boolean;
  /** totalCount of the first page, when the connection has one. */
  total?: number;
}

/** Walks a connection page after page, one request in flight, until the end or `deadline` (a `performance.now()` instant). */
async function walkPages(deadline: number, fetchPage: (after: string | null) => Promise<Page>): Promise<Walked> {
  const walked: Walked = { rows: 0, pages: 0, done: false };
  let after: string | null = null;
  while (!walked.done && performance.now() < deadline) {
    const p: Page = await fetchPage(after);
    walked.total ??= p.totalCount;
    walked.rows += p.edges.length;
    walked.pages++;
    after = p.pageInfo.endCursor;
    walked.done = !p.pageInfo.hasNextPage;
  }
  return walked;
}

/** A pull's figures from what was walked since `started`: measured when complete, else the full time extrapolated from the rate. */
function pullOf(name: string, total: number, walked: Walked, started: number): Pull {
  const seconds = (performance.now() - started) / 1000;
  const rowsPerSecond = walked.rows / Math.max(seconds, 0.001);
  return {
    name,
    total,
    rows: walked.rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rowsPerSecond),
    pagesPerSecond: Math.round((walked.pages / Math.max(seconds, 0.001)) * 10) / 10,
    fullSeconds: Math.round((walked.done ? seconds : total / Math.max(rowsPerSecond, 0.001)) * 10) / 10,
    extrapolated: !walked.done,
  };
}

/** Walks a connection page after page, one request in flight, until the end or the time budget. */
async function walk(name: string, budgetSeconds: number, fetchPage: (after: string | null) => Promise<Page>, total?: number): Promise<Pull> {
  const started = performance.now();
  const walked = await walkPages(started + budgetSeconds * 1000, fetchPage);
  return pullOf(name, total ?? walked.total ?? walked.rows, walked, started);
}

/** A full TicketExport pull of a scope and year through the gateway, pages of 100 as an analytics job takes them. */
export function pullExport(opts: { name: string; gatewayUrl: string; token: string; scopeId: string; period: string; budgetSeconds: number }): Promise<Pull> {
  const filter = { scopeId: opts.scopeId, createdFrom: new Date(Date.now() - 365 * 24 * 3600_000).toISOString() };
  const query = contractOperation('TicketExport');
  return walk(opts.name, opts.budgetSeconds, async (after) => ((await assertAnswers(opts.gatewayUrl, opts.token, query, { filter, period: opts.period, first: 100, ...(after ? { after } : {}) })) as { tickets: Page }).tickets);
}

/**
 * `ticketChanges` for a warehouse catching up from the start (no cursor),
 * pages of 1,000 (the contract's largest) through the gateway: tickets per
 * second (target ≥ 10,000).
 */
export function pullChanges(opts: { gatewayUrl: string; token: string; scopeId: string; total: number; budgetSeconds: number }): Promise<Pull> {
  const query = contractOperation('TicketChanges');
  return walk(
    'TicketChanges catch-up',
    opts.budgetSeconds,
    async (after) => ((await assertAnswers(opts.gatewayUrl, opts.token, query, { scopeId: opts.scopeId, first: 1000, ...(after ? { after } : {}) })) as { ticketChanges: Page }).ticketChanges,
    opts.total,
  );
}

/**
 * The same catch-up as a warehouse with more than one worker does it: one
 * cursor per street of the district (the contract's `scopeId` takes any
 * territory; the streets partition the district's tickets), `inFlight` of
 * them walked at once, each page of 1,000. Rows per second over the wall
 * time of the whole catch-up.
 */
export async function pullChangesByStreet(opts: { gatewayUrl: string; token: string; streetIds: string[]; total: number; budgetSeconds: number; inFlight: number }): Promise<Pull> {
  const query = contractOperation('TicketChanges');
  const started = performance.now();
  const deadline = started + opts.budgetSeconds * 1000;
  const queue = [...opts.streetIds];
  const all: Walked = { rows: 0, pages: 0, done: true };
  const worker = async () => {
    while (queue.length && performance.now() < deadline) {
      const scopeId = queue.shift()!;
      const walked = await walkPages(deadline, async (after) => ((await assertAnswers(opts.gatewayUrl, opts.token, query, { scopeId, first: 1000, ...(after ? { after } : {}) })) as { ticketChanges: Page }).ticketChanges);
      all.rows += walked.rows;
      all.pages += walked.pages;
      all.done &&= walked.done;
    }
  };
  await Promise.all(Array.from({ length: opts.inFlight }, worker));
  all.done &&= queue.length === 0;
  return pullOf(`TicketChanges catch-up, one cursor per street, ${opts.inFlight} in flight`, opts.total, all, started);
}
