import type { MeasuredProcess } from './proc';
import { runLoad, type LoadOptions, type LoadResult } from './load';
import { delta, scrape } from './scrape';

/** A load run with the CPU seconds the given processes spent during it. */
export async function measuredLoad(
  opts: LoadOptions,
  processes: MeasuredProcess[],
): Promise<LoadResult & { cpuSeconds: number; requestsPerCpuSecond: number; cpuMsPerRequest: Record<string, number> }> {
  const before = processes.map((p) => p.cpuSeconds());
  const result = await runLoad(opts);
  const spent = processes.map((p, i) => p.cpuSeconds() - before[i]);
  const cpuSeconds = spent.reduce((a, b) => a + b, 0);
  // Where the CPU went: milliseconds of each process per request.
  const cpuMsPerRequest = Object.fromEntries(processes.map((p, i) => [p.name, Math.round((spent[i] * 1000 * 10) / Math.max(result.requests, 1)) / 10]));
  return {
    ...result,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    requestsPerCpuSecond: Math.round((result.requests / Math.max(cpuSeconds, 0.01)) * 10) / 10,
    cpuMsPerRequest,
  };
}

/**
 * SQL statements (per subgraph, inside requests only) and subgraph fetches of
 * one operation: counter deltas around a single request, nothing else running,
 * less what a scrape itself costs (a `/metrics` request may read the database
 * for its gauges: the delta of two scrapes with nothing between them).
 */
export async function workOfOneRequest(
  gatewayBase: string,
  subgraphBases: Record<string, string>,
  send: () => Promise<unknown>,
  metricsToken?: string,
): Promise<Record<string, number>> {
  const scrapeAll = async () => ({
    gateway: await scrape(gatewayBase, metricsToken),
    ...Object.fromEntries(await Promise.all(Object.entries(subgraphBases).map(async ([n, b]) => [n, await scrape(b, metricsToken)] as const))),
  });
  const idle = await scrapeAll();
  const before = await scrapeAll();
  await send();
  const after = await scrapeAll();
  const work = (name: string) => {
    const ofScrape = delta((idle as any)[name], (before as any)[name]);
    return Object.fromEntries(Object.entries(delta((before as any)[name], (after as any)[name])).map(([k, v]) => [k, v - (ofScrape[k] ?? 0)]));
  };
  const out: Record<string, number> = {};
  let fetches = 0;
  for (const [k, v] of Object.entries(work('gateway'))) {
    const m = /^subgraph_fetches_(\w+)_total$/.exec(k);
    if (m) {
      out[`fetches ${m[1]}`] = v;
      fetches += v;
    }
  }
  out['subgraph fetches'] = fetches;
  let sql = 0;
  for (const name of Object.keys(subgraphBases)) {
    const n = work(name).sql_statements_in_requests_total ?? 0;
    out[`sql ${name}`] = n;
    sql += n;
  }
  out['sql statements'] = sql;
  return out;
}
