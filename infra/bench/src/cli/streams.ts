import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { readEventStream } from '@linli/testing';
import { GraphQLClient, pool, type Caller } from '../client';
import { MeasuredProcess, waitReady } from '../proc';
import { percentile } from '../stats';

/**
 * `node dist/cli/streams.js [--streams 1000] [--changes 20]`: live updates
 * under load. Starts the embedded stack as a child process, opens N
 * `ticketUpdated` streams (one caller each, over SSE, like the contract's
 * TicketUpdates), changes the ticket `changes` times and records, for every
 * stream, the time from the change's request to its update's arrival; and
 * the gateway process's resident memory before and after opening the
 * streams. Results go to stdout (docs/performance.md keeps the latest run).
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STREAMS = arg('streams', 1000);
const CHANGES = arg('changes', 20);
const REPO = path.resolve(__dirname, '../../../..');

const TICKET_UPDATES = `subscription TicketUpdates($id: ID!) {
  ticketUpdated(id: $id) { id status assignee { id name } timeline { at action toStatus note } }
}`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
/** The gateway's live counters (`/metrics`): selection runs shared by a view or run alone, updates written. */
async function liveCounters(base: string) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { shared: read('live_shared_runs_total'), alone: read('live_alone_runs_total'), sent: read('live_updates_sent_total'), views: read('live_views') };
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-streams-'));
  const stack = MeasuredProcess.start('stack', process.execPath, [path.join(REPO, 'infra/stack/dist/cli/embedded.js')], {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitReady(`http://127.0.0.1:${port}/health/ready`, 120_000);
    const client = new GraphQLClient(url, DEVELOPMENT_JWT_SECRET);
    const admin: Caller = { sub: 'bench-admin', roles: ['SYSTEM_ADMIN'] };
    const org = async (name: string, kind: string, parentId?: string) =>
      (await client.request(`mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`, { input: { name, kind, parentId } }, admin))
        .createOrganisation.organisation.id as string;
    const district = await org('基准区', 'DISTRICT');
    const street = await org('基准街道', 'STREET', district);
    const community = await org('基准社区', 'COMMUNITY', street);
    const team = await org('基准志愿队', 'VOLUNTEER_TEAM', community);
    const staff: Caller = { sub: 'bench-staff', roles: ['COMMUNITY_STAFF'], orgs: [community] };
    const grid = (
      await client.request(`mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { id } } }`, {
        input: { code: 'BENCH-1', name: '基准网格', level: 'COMMUNITY_AREA', communityId: community, households: 100, residents: 300 },
      }, staff)
    ).createGrid.grid.id as string;
    let ticketId = '';
    for (let attempt = 0; !ticketId; attempt++) {
      try {
        ticketId = (
          await client.request(`mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { ticket { id } } }`, {
            input: { title: '基准工单', description: '测量实时推送', category: 'PUBLIC_AFFAIRS', channel: 'HOTLINE', gridId: grid },
          }, staff)
        ).submitTicket.ticket.id;
      } catch (e) {
        // The tickets subgraph learns of the grid from its event a moment later.
        if (attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    const before = rssMb(stack.pid);
    const arrivals: Map<string, number>[] = [];
    const controllers: AbortController[] = [];
    // One caller per stream (the per-person limit is 20), all staff of the community.
    await pool(
      Array.from({ length: STREAMS }, (_, i) => i),
      50,
      async (i) => {
        const token = await client.token({ sub: `bench-viewer-${i}`, roles: ['COMMUNITY_STAFF'], orgs: [community] });
        const controller = new AbortController();
        controllers.push(controller);
        const seen = new Map<string, number>();
        arrivals.push(seen);
        const res = await fetch(`${url}/stream`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: TICKET_UPDATES, variables: { id: ticketId } }),
          signal: controller.signal,
        });
        if (res.status !== 200) throw new Error(`stream ${i}: HTTP ${res.status}`);
        void readEventStream(res.body, (m) => {
          const body = JSON.parse(m.data || '{}') as { data?: { ticketUpdated: { timeline: unknown[] } } };
          const n = body.data?.ticketUpdated.timeline.length;
          if (n && !seen.has(String(n))) seen.set(String(n), performance.now());
        });
      },
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const after = rssMb(stack.pid);

    const countersBefore = await liveCounters(`http://127.0.0.1:${port}`);
    const latencies: number[] = [];
    let missing = 0;
    const mutationMs: number[] = [];
    for (let c = 0; c < CHANGES; c++) {
      const timelineLength = 2 + c; // SUBMIT, then one DISPATCH per change
      const started = performance.now();
      await client.request(`mutation($id: ID!, $a: ID!) { dispatchTicket(id: $id, assigneeId: $a) { ticket { id } } }`, { id: ticketId, a: c % 2 ? community : team }, staff);
      mutationMs.push(performance.now() - started);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && arrivals.some((s) => !s.has(String(timelineLength)))) await new Promise((r) => setTimeout(r, 10));
      for (const s of arrivals) {
        const at = s.get(String(timelineLength));
        if (at === undefined) missing++;
        else latencies.push(at - started);
      }
    }
    latencies.sort((a, b) => a - b);
    const countersAfter = await liveCounters(`http://127.0.0.1:${port}`);
    const result = {
      streams: STREAMS,
      changes: CHANGES,
      updates: latencies.length,
      missing,
      changeToArrivalMs: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), max: Math.round(latencies[latencies.length - 1]) },
      mutationMsP50: Math.round(mutationMs.sort((a, b) => a - b)[Math.floor(mutationMs.length / 2)]),
      stackRssMb: { before: Math.round(before), withStreams: Math.round(after) },
      kbPerStream: Math.round(((after - before) * 1024) / STREAMS),
      cpuSecondsOfStack: stack.cpuSeconds(),
      // How the gateway served them: views open, and selection runs per change.
      live: {
        views: countersAfter.views,
        sharedRuns: countersAfter.shared - countersBefore.shared,
        aloneRuns: countersAfter.alone - countersBefore.alone,
        updatesSent: countersAfter.sent - countersBefore.sent,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    controllers.forEach((c) => c.abort());
  } catch (e) {
    console.error(stack.tail());
    throw e;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
