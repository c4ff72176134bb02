import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { NatsTransport } from '@linli/events';
import { monthOf } from '@linli/platform';
import { waitFor } from '@linli/testing';
import { contractOperation } from './contract';
import type { TestStack } from './harness';
import { ok, submit, ticketInput, type Territory } from './tickets.fixtures';

/** One SubmitTicket through the gateway as the caller, optionally with an Idempotency-Key; network failures count as failed answers. */
export async function submitRaw(stack: { url: string }, token: string, input: Record<string, unknown>, key?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  try {
    const res = await fetch(stack.url, { method: 'POST', headers, body: JSON.stringify({ query: contractOperation('SubmitTicket'), variables: { input } }) });
    const body = (await res.json()) as { data?: { submitTicket?: { ticket?: { id: string } } } | null; errors?: { extensions?: { code?: string } }[] };
    return { id: body.data?.submitTicket?.ticket?.id ?? null, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  } catch (err) {
    return { id: null, codes: [`network: ${(err as Error).message}`] };
  }
}

/** Runs `work(i)` for i < n with at most `concurrency` in flight. */
export async function pool<T>(n: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

const REPO = path.resolve(__dirname, '../../..');

/** A service process of the stack (its built `main.js`), as the distributed launcher runs it, with its output kept. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Its GraphQL URL, once listening. */
  url: string;
  output(): string;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

export async function spawnService(service: string, env: Record<string, string>): Promise<ServiceProcess> {
  const main = path.join(REPO, `services/${service}/dist/main.js`);
  if (!existsSync(main)) throw new Error(`${main} is missing: build the ${service} service first (turbo builds it before these tests)`);
  let output = '';
  const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'debug', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const listening = () => logLines(output).find((l) => l.msg === 'subgraph listening');
  try {
    await waitFor(() => expect(listening()).toBeDefined(), { timeoutMs: 60_000, intervalMs: 100 });
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${service} did not start: ${(e as Error).message}\n${output}`);
  }
  return { child, url: String(listening()!.url), output: () => output, exited };
}

/** The JSON log lines of a process's output (pino), skipping anything else. */
export function logLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((l) => {
    try {
      const v = JSON.parse(l);
      return v && typeof v === 'object' ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/** `npm run events -- <args>` (the built CLI), its JSON output lines parsed. */
export async function eventsCli(args: string[], env: Record<string, string>): Promise<Record<string, unknown>[]> {
  const cli = path.join(REPO, 'infra/stack/dist/cli/events.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the stack first (its test task depends on its build)`);
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  return logLines(stdout);
}

/** The bus settings a process of this stack needs (`NATS_URL`, `NATS_STREAM`, `EVENT_SUBJECT_PREFIX`). */
export const busEnv = (stack: TestStack, servers: string): Record<string, string> => ({
  NATS_URL: servers,
  NATS_STREAM: (stack.transport as NatsTransport).streamName,
  EVENT_SUBJECT_PREFIX: stack.subjectPrefix,
});

/** A service's database URL in this stack. */
export const databaseUrl = (stack: TestStack, service: string) => String(stack.subgraphs[service].orm.config.get('clientUrl'));

/** A subgraph's own HTTP path (`/health/ready`, `/metrics`). */
export const subgraphPath = (stack: TestStack, service: string, pathname: string) => new URL(pathname, stack.subgraphs[service].url).toString();

/** `events_dead_lettered_total` as a service's `/metrics` endpoint shows it. */
export async function deadLetteredOnMetrics(url: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const m = /^events_dead_lettered_total(?:\{[^}]*\})? (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * A ticket's whole life through the gateway, ending in a bad rating (1): submitted by a resident,
 * dispatched to the firm, accepted, resolved, rated. Returns the ticket id.
 */
export async function rateBadly(stack: TestStack, t: Territory, title: string): Promise<string> {
  const ticket = await submit(stack, t.residents.alice, ticketInput(t.areaGridId, { title }));
  await ok(stack, 'DispatchTicket', { id: ticket.id, assigneeId: t.firmId }, t.callers.communityStaff);
  await ok(stack, 'AcceptTicket', { id: ticket.id }, t.callers.firmStaff);
  await ok(stack, 'ResolveTicket', { id: ticket.id, feedback: '已修复' }, t.callers.firmStaff);
  await ok(stack, 'RateTicket', { id: ticket.id, score: 1, comment: '没修好' }, t.residents.alice);
  return ticket.id;
}

/** The tickets among `ids` that the firm's assessment of this month deducts for, with how often each is deducted. */
export async function deductedTickets(stack: TestStack, t: Territory, ids: readonly string[]): Promise<Map<string, number>> {
  const data = await ok(stack, 'FirmAssessment', { firmId: t.firmId, period: monthOf(new Date()) }, t.callers.firmStaff);
  const out = new Map<string, number>();
  for (const d of data.organisation.assessment.deductions as { reason: string; ticket: { id: string } | null }[]) {
    if (d.reason === 'BAD_RATING' && d.ticket && ids.includes(d.ticket.id)) out.set(d.ticket.id, (out.get(d.ticket.id) ?? 0) + 1);
  }
  return out;
}
