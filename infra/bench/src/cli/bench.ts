import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { SERVICE_NAMES, signToken } from '@linli/platform';
import { planDistributed, serviceDatabaseUrl, type StackEnv } from '@linli/stack';
import { assertAnswers } from '../load';
import { measuredLoad, workOfOneRequest } from '../measure';
import { ratingLatencies } from '../latency';
import { startHive } from '../hive';
import { MeasuredProcess, waitReady } from '../proc';
import { ProgressBar } from '../progress';
import { writeReport, toMarkdown, type BenchReport, type Measurement } from '../report';
import { SCALES } from '../scales';
import { seedBulk } from '../seed/bulk';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'district' },
    seed: { type: 'string', default: '42' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'rating-rate': { type: 'string', default: '20' },
    out: { type: 'string', default: 'bench-results' },
    port: { type: 'string', default: '5100' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'nats-url': { type: 'string', default: '127.0.0.1:4222' },
    keep: { type: 'boolean', default: false },
  },
});

const REPO = path.resolve(__dirname, '../../../..');
const TICKET_EXPORT = /query TicketExport[\s\S]*?\n}\n/.exec(readFileSync(path.join(REPO, '../shared/contract/district-dashboard.graphql'), 'utf8'))![0];
const SERVICE_RATES = /query ServiceRates[\s\S]*?\n}\n/.exec(readFileSync(path.join(REPO, '../shared/contract/district-dashboard.graphql'), 'utf8'))![0];
const FIRM_RANKING = /query FirmRanking[\s\S]*?\n}\n/.exec(readFileSync(path.join(REPO, '../shared/contract/district-dashboard.graphql'), 'utf8'))![0];
const ONE_SUBGRAPH = `query($id: ID!) { organisation(id: $id) { id name kind creditCode parent { id name } } }`;
const RATE = `mutation($id: ID!, $score: Int!) { rateTicket(id: $id, score: $score) { ticket { id status } } }`;

async function main() {
  const scale = SCALES[values.scale!];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const port = Number(values.port);
  const tag = `bench_${Date.now().toString(36)}`;
  const baseUrl = new URL(values['database-url']!);
  baseUrl.pathname = `/${tag}`;
  const secret = randomBytes(24).toString('hex');
  const env: StackEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: secret,
    PORT: port,
    DATA_DIR: '.data',
    DATABASE_URL: baseUrl.toString(),
    NATS_URL: values['nats-url']!,
    NATS_STREAM: tag.toUpperCase(),
    EVENT_SUBJECT_PREFIX: tag,
    REPLICAS: '',
  };
  const processes: MeasuredProcess[] = [];
  let hive: MeasuredProcess | null = null;
  const cleanup = async () => {
    for (const p of [...processes, ...(hive ? [hive] : [])]) await p.stop();
    if (values.keep) return;
    const admin = new Client({ connectionString: values['database-url'] });
    await admin.connect();
    for (const s of SERVICE_NAMES) await admin.query(`DROP DATABASE IF EXISTS "${tag}_${s}" WITH (FORCE)`);
    await admin.end();
    const nc = await connect({ servers: env.NATS_URL });
    const jsm = await jetstreamManager(nc);
    for (const s of [env.NATS_STREAM, `${env.NATS_STREAM}_DLQ`]) await jsm.streams.delete(s).catch(() => undefined);
    await nc.close();
  };

  try {
    console.log(`Seeding ${scale.name} into PostgreSQL (${tag}_*)…`);
    const bar = new ProgressBar();
    // The bulk path (seed/bulk): a district-year in minutes, with its count check.
    const world = await seedBulk({ scale, seed: Number(values.seed), baseUrl: env.DATABASE_URL, progress: bar.update });
    bar.done();
    console.log(`Seeded ${world.ticketCount} tickets in ${world.seconds.toFixed(0)} s. Starting the distributed stack…`);

    const plan = planDistributed(env);
    for (const p of plan) processes.push(MeasuredProcess.start(p.name, process.execPath, [p.script], { ...(env as unknown as Record<string, string>), PORT: String(p.port), ...p.env }));
    const base = (p: number) => `http://127.0.0.1:${p}`;
    for (const p of plan) await waitReady(`${base(p.port)}/health/ready`);
    const subgraphBases = Object.fromEntries(plan.filter((p) => p.name !== 'gateway').map((p) => [p.name, base(p.port)]));
    const gatewayUrl = `${base(port)}/graphql`;
    hive = startHive(
      readFileSync(path.join(REPO, 'gateway/supergraph.graphql'), 'utf8'),
      Object.fromEntries(Object.entries(subgraphBases).map(([n, b]) => [n, `${b}/graphql`])),
      port + 100,
    );
    const hiveUrl = `${base(port + 100)}/graphql`;
    await waitReady(`${base(port + 100)}/healthcheck`).catch(() => waitReady(`${base(port + 100)}/readiness`));

    const analyst = await signToken({ sub: 'bench-analyst', roles: ['DISTRICT_ADMIN'], orgs: [world.districtId], expiresIn: 3600 }, secret);
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const ours = processes; // gateway + subgraphs
    const subgraphProcs = processes.filter((p) => p.name !== 'gateway');
    const measurements: Measurement[] = [];
    const load = async (
      name: string,
      what: string,
      url: string,
      query: string,
      variables: Record<string, unknown>,
      procs: MeasuredProcess[],
      conns = connections,
      variants?: Record<string, unknown>[],
    ) => {
      await assertAnswers(url, analyst, query, variants?.[variants.length - 1] ?? variables);
      process.stdout.write(`  ${name}… `);
      const r = await measuredLoad({ url, token: analyst, query, variables, seconds, connections: conns, variants }, procs);
      console.log(`${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; CPU ms/request ${JSON.stringify(r.cpuMsPerRequest)}`);
      const m: Measurement = {
        name,
        what: `${what} (${conns} connections)`,
        rps: r.rps,
        p50: r.p50,
        p99: r.p99,
        requestsPerCpuSecond: r.requestsPerCpuSecond,
        errors: r.errors + r.non2xx,
        extra: Object.fromEntries(Object.entries(r.cpuMsPerRequest).map(([k, v]) => [`cpu ms/req ${k}`, v])),
      };
      measurements.push(m);
      // Let the last requests of a closed-loop run drain before the next measurement.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return m;
    };

    console.log('Measuring…');
    // 5. Work per request for page sizes 10 and 100 (deterministic counts), on a quiet stack.
    const exportVars = { filter: { scopeId: world.districtId }, period, first: 100 };
    const perRequest: Record<string, Record<string, number>> = {};
    for (const first of [10, 100]) {
      perRequest[`TicketExport first=${first}`] = await workOfOneRequest(base(port), subgraphBases, () => assertAnswers(gatewayUrl, analyst, TICKET_EXPORT, { ...exportVars, first }));
    }
    // 1. The gateway's cost on a one-subgraph query.
    const orgsProc = processes.find((p) => p.name === 'organisations')!;
    const direct = await load('one subgraph, direct', 'organisation(id) straight to the organisations subgraph', `${subgraphBases.organisations}/graphql`, ONE_SUBGRAPH, { id: world.districtId }, [orgsProc]);
    const viaGateway = await load('one subgraph, via gateway', 'the same query through our gateway', gatewayUrl, ONE_SUBGRAPH, { id: world.districtId }, [processes.find((p) => p.name === 'gateway')!, orgsProc]);
    // 2. The analytics pull: ours vs Hive Gateway over the same subgraphs.
    // Distinct pages, as an analytics job walks them (identical concurrent requests would let a
    // gateway coalesce them, which a real pull never offers): every page's cursor, pages of 91–100.
    const cursors: (string | null)[] = [null];
    for (let after: string | null = null; cursors.length < 40; ) {
      const data = (await assertAnswers(gatewayUrl, analyst, TICKET_EXPORT, { ...exportVars, after })) as { tickets: { pageInfo: { hasNextPage: boolean; endCursor: string } } };
      if (!data.tickets.pageInfo.hasNextPage) break;
      after = data.tickets.pageInfo.endCursor;
      cursors.push(after);
    }
    const pages = cursors.flatMap((after) => [...Array(10).keys()].map((k) => ({ ...exportVars, after, first: 100 - k })));
    const oursExport = await load('TicketExport ×100, our gateway', `the contract analytics pull, pages of ~100 over ${cursors.length} distinct cursors, through our gateway`, gatewayUrl, TICKET_EXPORT, exportVars, ours, connections, pages);
    const hiveExport = await load('TicketExport ×100, Hive Gateway', 'the same through Hive Gateway', hiveUrl, TICKET_EXPORT, exportVars, [hive, ...subgraphProcs], connections, pages);
    // 3. The district dashboard.
    // Dashboards: latency at one request in flight per core, throughput under the full load.
    const rates = await load('ServiceRates (district, month)', 'ServiceRates for the district and this month', gatewayUrl, SERVICE_RATES, { scopeId: world.districtId, period }, ours, 2);
    await load('ServiceRates, loaded', 'the same under the full load', gatewayUrl, SERVICE_RATES, { scopeId: world.districtId, period }, ours);
    await load('FirmRanking (district, month)', 'FirmRanking of the district, first 20', gatewayUrl, FIRM_RANKING, { scopeId: world.districtId, period, first: 20 }, ours, 2);
    // 4. Rating → assessment under a steady rating load.
    const rateLimit = Number(values['rating-rate']);
    const since = new Date(Date.now() - 1000);
    const started = Date.now();
    let sent = 0;
    const pending: Promise<unknown>[] = [];
    for (const t of world.ratingPool) {
      const due = started + (sent * 1000) / rateLimit;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      const token = await signToken({ sub: t.reporterId, roles: ['RESIDENT'], expiresIn: 600 }, secret);
      const score = sent % 4 === 0 ? 1 : 5;
      pending.push(fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: RATE, variables: { id: t.ticketId, score } }) }).then((r) => r.json()));
      sent++;
    }
    const answers = (await Promise.all(pending)) as { errors?: unknown[] }[];
    const ratingSeconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const lat = await ratingLatencies(serviceDatabaseUrl(env.DATABASE_URL, 'tickets'), serviceDatabaseUrl(env.DATABASE_URL, 'evaluations'), since);
    measurements.push({
      name: 'rating → assessment',
      what: `${sent} ratings at ${rateLimit}/s through the gateway; latency from the rating's commit to the evaluations consumer applying it`,
      rps: Math.round((sent / ratingSeconds) * 10) / 10,
      p50: lat.p50,
      p99: lat.p99,
      errors: answers.filter((a) => a.errors).length,
      extra: { applied: lat.count, maxMs: lat.max },
    });
    console.log(`  rating → assessment: ${lat.count}/${sent} applied, p50 ${lat.p50} ms, p99 ${lat.p99} ms`);

    const report: BenchReport = {
      startedAt: new Date(started).toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      scale: scale.name,
      seedSeconds: world.seconds,
      measurements,
      ratios: {
        gatewayVsDirectThroughput: Math.round(((viaGateway.rps ?? 0) / (direct.rps ?? 1)) * 100) / 100,
        gatewayAddedLatencyP50Ms: (viaGateway.p50 ?? 0) - (direct.p50 ?? 0),
        oursVsHiveThroughput: Math.round(((oursExport.rps ?? 0) / (hiveExport.rps ?? 1)) * 100) / 100,
      },
      perRequest,
      peakMemoryMb: Object.fromEntries([...processes, hive].map((p) => [p.name, p.peakRssMb()])),
      targets: [],
    };
    const t10 = perRequest['TicketExport first=10'];
    const t100 = perRequest['TicketExport first=100'];
    report.targets = [
      { name: 'gateway throughput vs direct subgraph', target: '≥ 0.5×', actual: `${report.ratios.gatewayVsDirectThroughput}×`, met: report.ratios.gatewayVsDirectThroughput >= 0.5 },
      { name: 'our gateway vs Hive Gateway (TicketExport)', target: '≥ 1.0×', actual: `${report.ratios.oursVsHiveThroughput}×`, met: report.ratios.oursVsHiveThroughput >= 1 },
      { name: 'rating → assessment p99', target: '< 100 ms', actual: `${lat.p99} ms`, met: lat.p99 < 100 },
      { name: 'ServiceRates p50 at district scale', target: '< 50 ms', actual: `${rates.p50} ms`, met: (rates.p50 ?? Infinity) < 50 },
      { name: 'SQL per page, first 10 vs 100', target: 'equal', actual: `${t10['sql statements']} vs ${t100['sql statements']}`, met: t10['sql statements'] === t100['sql statements'] },
      { name: 'subgraph fetches per page, first 10 vs 100', target: 'equal', actual: `${t10['subgraph fetches']} vs ${t100['subgraph fetches']}`, met: t10['subgraph fetches'] === t100['subgraph fetches'] },
    ];
    const files = writeReport(path.resolve(values.out!), report);
    console.log(`\n${toMarkdown(report)}\nWritten: ${files.json}, ${files.markdown}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
