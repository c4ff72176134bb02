import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { buildASTSchema, parse, validate } from 'graphql';
import { DEVELOPMENT_JWT_SECRET, signToken } from '@linli/platform';
import { MeasuredProcess, waitReady } from '../proc';
import { percentile } from '../stats';

/**
 * `npm run flood -w infra/bench [-- --seconds 20 --concurrency 4]`: issue #10,
 * hole 5. Starts the embedded stack as its own process, sends it bodies of
 * just under 1 MB made of `__typename` (about 90,000 fields) from several
 * connections at once, and meanwhile probes `/health/live` every 20 ms. The
 * gateway's parser stops each document at its token cap before validation,
 * so the probe should stay under 50 ms; the report also times, in this
 * process, what parsing and validating one such document without the cap
 * costs (what the cap saves the event loop on every flood request).
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '4' },
    port: { type: 'string', default: '4900' },
  },
});

const REPO = path.resolve(__dirname, '../../../..');
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { probes: s.length, p50: +percentile(s, 50).toFixed(1), p99: +percentile(s, 99).toFixed(1), max: +s[s.length - 1].toFixed(1) };
};

/** Sends the flood bodies from `concurrency` connections until `until`, then posts the answers' counts. */
const FLOODER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const answers = {};
let sent = 0;
const one = async () => {
  while (Date.now() < w.until) {
    sent++;
    const res = await fetch(w.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + w.token }, body: w.body });
    const json = await res.json();
    const key = res.status + ' ' + ((json.errors && json.errors[0] && json.errors[0].extensions && json.errors[0].extensions.code) || 'ok');
    answers[key] = (answers[key] || 0) + 1;
  }
};
Promise.all(Array.from({ length: w.concurrency }, one)).then(() => parentPort.postMessage({ sent, answers }));
`;

async function probe(url: string, until: number): Promise<number[]> {
  const out: number[] = [];
  while (Date.now() < until) {
    const started = performance.now();
    const res = await fetch(url);
    await res.text();
    out.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

async function main() {
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const port = Number(values.port);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-flood-'));
  const stack = MeasuredProcess.start('embedded', process.execPath, [path.join(REPO, 'infra/stack/dist/cli/embedded.js')], {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/health/ready`);
    const token = await signToken({ sub: 'flood', roles: ['RESIDENT'] }, DEVELOPMENT_JWT_SECRET);
    const body = JSON.stringify({ query: `{ ${'__typename '.repeat(90_000)}}` });

    const quiet = await probe(`${base}/health/live`, Date.now() + 3_000);
    const until = Date.now() + seconds * 1000;
    // The flooders run on their own event loop (a worker thread): sending ~100 MB/s would
    // otherwise delay this thread's probes and the report would time the client, not the gateway.
    const flooding = new Worker(FLOODER, { eval: true, workerData: { url: `${base}/graphql`, token, body, until, concurrency } });
    const done = new Promise<{ sent: number; answers: Record<string, number> }>((resolve, reject) => {
      flooding.once('message', resolve);
      flooding.once('error', reject);
    });
    const flooded = await probe(`${base}/health/live`, until);
    const { sent, answers } = await done;

    // For comparison: what the same document costs without the cap (parse + validate against the supergraph).
    const schema = buildASTSchema(parse(readFileSync(path.join(REPO, 'gateway/supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
    const started = performance.now();
    validate(schema, parse(JSON.parse(body).query as string));
    const uncappedMs = Math.round(performance.now() - started);

    const report = {
      bodyBytes: body.length,
      floodRequests: sent,
      answers,
      liveQuiet: summary(quiet),
      liveUnderFlood: summary(flooded),
      uncappedParseAndValidateMs: uncappedMs,
      verdict: summary(flooded).max < 50 ? '/health/live stayed under 50 ms' : '/health/live went over 50 ms',
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
