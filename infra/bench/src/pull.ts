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

/** Walks a connection page after page, one request in flight, until the end or the time budget. */
async function walk(name: string, budgetSeconds: number, fetchPage: (after: string | null) => Promise<Page>, total?: number): Promise<Pull> {
  const started = performance.now();
  let after: string | null = null;
  let rows = 0;
  let pages = 0;
  let done = false;
  while (!done && performance.now() - started < budgetSeconds * 1000) {
    const p: Page = await fetchPage(after);
    total ??= p.totalCount;
    rows += p.edges.length;
    pages++;
    after = p.pageInfo.endCursor;
    done = !p.pageInfo.hasNextPage;
  }
  const seconds = (performance.now() - started) / 1000;
  const rowsPerSecond = rows / Math.max(seconds, 0.001);
  const all = total ?? rows;
  return {
    name,
    total: all,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rowsPerSecond),
    pagesPerSecond: Math.round((pages / Math.max(seconds, 0.001)) * 10) / 10,
    fullSeconds: Math.round((done ? seconds : all / Math.max(rowsPerSecond, 0.001)) * 10) / 10,
    extrapolated: !done,
  };
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
  const queue = [...opts.streetIds];
  const walks: Pull[] = [];
  const worker = async () => {
    for (let scopeId = queue.shift(); scopeId; scopeId = queue.shift()) {
      const left = opts.budgetSeconds - (performance.now() - started) / 1000;
      if (left <= 0) return;
      walks.push(
        await walk('street', left, async (after) => ((await assertAnswers(opts.gatewayUrl, opts.token, query, { scopeId, first: 1000, ...(after ? { after } : {}) })) as { ticketChanges: Page }).ticketChanges),
      );
    }
  };
  await Promise.all(Array.from({ length: opts.inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const rows = walks.reduce((n, w) => n + w.rows, 0);
  const pages = walks.reduce((n, w) => n + Math.round(w.pagesPerSecond * w.seconds), 0);
  const done = queue.length === 0 && walks.every((w) => !w.extrapolated);
  const rowsPerSecond = rows / Math.max(seconds, 0.001);
  return {
    name: `TicketChanges catch-up, one cursor per street, ${opts.inFlight} in flight`,
    total: opts.total,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rowsPerSecond),
    pagesPerSecond: Math.round((pages / Math.max(seconds, 0.001)) * 10) / 10,
    fullSeconds: Math.round((done ? seconds : opts.total / Math.max(rowsPerSecond, 0.001)) * 10) / 10,
    extrapolated: !done,
  };
}
