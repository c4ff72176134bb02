// Issue #10, "Prove it": the role × operation matrix. Every operation found in
// the contract's files runs under every role (and without a token), on objects
// in the caller's scope and outside it, and the answer is compared with the
// contract's (matrix.rules.ts). A new contract operation joins by its entry in
// the table; one without an entry fails the first test.
import { OperationTypeNode } from 'graphql';
import { contractOperations, type ContractOperation } from './contract';
import { MODES, startTestStack, type Caller, type GqlResult, type TestStack } from './harness';
import { callerOf, PERSONAS, RULES, seesWholePhones, SIDES, STREAMS, WRITES, type Answer, type Persona, type Rule, type SideName } from './matrix.rules';
import { buildMatrixWorld, type MatrixWorld } from './matrix.world';
import { openStream } from './notifications.fixtures';
import { directOperation } from './matrix.direct';
import { mintToken, waitFor } from '@linli/testing';

jest.setTimeout(600_000);
// The world's webhooks point at a receiver on 127.0.0.1: a deployment that allows private addresses (as embedded mode does by default).
process.env.WEBHOOK_ALLOW_PRIVATE = 'true';

const CONCURRENCY = 4;

/** Runs the tasks, at most `limit` at a time (a 2-core CI machine, the stack in the same process). */
async function pool<T>(tasks: (() => Promise<T>)[], limit = CONCURRENCY): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** The answer's class: its error codes, else null / empty / ok for the field at `path` (the root field, or a part of it). */
function classify(r: GqlResult<any>, path: string): string {
  if (r.errors?.length) return [...new Set(r.errors.map((e) => e.extensions?.code ?? 'NO_CODE'))].sort().join('+');
  const root = path.split('.').reduce((v, k) => v?.[k], r.data);
  if (root == null) return 'null';
  const empty = Array.isArray(root) ? root.length === 0 : root.totalCount === 0 && Array.isArray(root.edges) && root.edges.length === 0;
  return empty ? 'empty' : 'ok';
}

/** `ok` allows an empty list (the world may hold nothing of that kind); every other answer is exact. */
const matches = (expected: Answer, actual: string) => expected === actual || (expected === 'ok' && actual === 'empty');

/** Every phone number in an answer (`phone`, `contactPhone`), wherever it sits. */
function phones(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => phones(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'phone' || k === 'contactPhone') && typeof v === 'string') out.push(v);
      else phones(v, out);
    }
  }
  return out;
}
const MASKED = /^\d{3}\*{4}\d{4}$/;

/** Every value at a dotted path, through lists (`organisation.assessment.deductions.ticket`). */
function at(value: unknown, path: string): unknown[] {
  let level: unknown[] = [value];
  for (const key of path.split('.')) {
    level = level.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v && typeof v === 'object').map((v) => (v as Record<string, unknown>)[key]);
  }
  return level.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined);
}

/** A read's or a subscription's entry, or a write's. */
const ruleOf = (name: string): Rule | undefined => RULES[name] ?? WRITES[name] ?? STREAMS[name];

/** Domain events recorded by every subgraph (audit entries apart): a refused write adds none. */
async function domainEvents(stack: TestStack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, s] of Object.entries(stack.subgraphs)) {
    const rows = await s.orm.em.fork().getConnection().execute(`select count(*) as n from outbox_event where type not like '%.audit.recorded'`);
    counts[name] = Number(rows[0].n);
  }
  return counts;
}

/** Errors of a state the world's object is in: an authorised caller may meet them once an earlier one moved the object on. */
const STATE_ERRORS = new Set(['BAD_USER_INPUT', 'INVALID_TRANSITION', 'CONFLICT']);

/** Sends an operation straight to a subgraph, with the caller's token as the gateway would forward it. */
async function direct(url: string, query: string, variables: Record<string, unknown>, as: Caller | null): Promise<GqlResult<any>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as) headers.authorization = `Bearer ${await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] })}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GqlResult<any>;
  return { status: res.status, data: body.data, errors: body.errors };
}

interface Case {
  op: ContractOperation;
  rule: Rule;
  persona: Persona;
  side: SideName;
}

describe.each(MODES)('role × operation matrix (%s)', (mode) => {
  let stack: TestStack;
  let w: MatrixWorld;
  const started = Date.now();

  beforeAll(async () => {
    stack = await startTestStack(mode, 'matrix');
    w = await buildMatrixWorld(stack);
    console.log(`matrix (${mode}): stack and world ready in ${Date.now() - started} ms`);
  });
  afterAll(async () => {
    await w?.close();
    await stack?.stop();
    console.log(`matrix (${mode}): ${Date.now() - started} ms in all`);
  });

  it('has an entry for every operation of the contract', () => {
    const missing = [...contractOperations().keys()].filter((name) => !ruleOf(name));
    expect(missing).toEqual([]);
    const stale = [...Object.keys(RULES), ...Object.keys(WRITES), ...Object.keys(STREAMS)].filter((name) => !contractOperations().has(name));
    expect(stale).toEqual([]);
  });

  const cases = (type: ContractOperation['type']): Case[] =>
    [...contractOperations().values()]
      .filter((op) => op.type === type && ruleOf(op.name))
      .flatMap((op) => {
        const rule = ruleOf(op.name)!;
        return PERSONAS.flatMap((persona) => (rule.unscoped ? (['home'] as const) : SIDES).map((side) => ({ op, rule, persona, side })));
      });

  const expected = (c: Case): Answer => (c.persona === 'anonymous' ? 'UNAUTHENTICATED' : c.rule.answer(c.persona, c.side));
  /** The owning subgraph alone answers for its part: the same, unless what the rule refuses lies in another subgraph's part. */
  const expectedDirect = (c: Case): Answer => (c.persona === 'anonymous' ? 'UNAUTHENTICATED' : (c.rule.direct ?? c.rule.answer)(c.persona, c.side));

  it('reads: every query under every role, in scope and out of scope, through the gateway and at its owning subgraph', async () => {
    const t0 = Date.now();
    const all = cases(OperationTypeNode.QUERY);
    const mismatches: string[] = [];
    let phonesChecked = 0;
    await pool(
      all.map((c) => async () => {
        const as: Caller | null = callerOf(w, c.persona);
        const vars = c.rule.vars(w, w[c.side], c.side, 0);
        const backdoor = directOperation(c.op.text, Object.keys(stack.subgraphs));
        const answers: [string, Answer, GqlResult<any>][] = [
          ['gateway', expected(c), await stack.gql(c.op.text, vars, as)],
          [backdoor.subgraph, expectedDirect(c), await direct(stack.subgraphs[backdoor.subgraph].url, backdoor.query, backdoor.pick(vars), as)],
        ];
        for (const [via, want, r] of answers) {
          const actual = classify(r, via === 'gateway' ? (c.rule.part ?? c.op.rootField) : c.op.rootField);
          const where = `${c.op.name} as ${c.persona} (${c.side}, via ${via})`;
          if (!matches(want, actual)) mismatches.push(`${where}: expected ${want}, got ${actual} ${actual === 'ok' || actual === 'empty' ? '' : JSON.stringify(r.errors?.[0]?.message)}`);
          if (actual !== 'ok') continue;
          if (c.rule.hidden && via === 'gateway' && c.persona !== 'anonymous') {
            const parts = at(r.data, c.rule.hidden.path);
            const visible = c.rule.hidden.visible(c.persona, c.side);
            if (!parts.length) mismatches.push(`${where}: nothing at ${c.rule.hidden.path} to check`);
            else if (parts.some((v) => (v === null) === visible)) mismatches.push(`${where}: ${c.rule.hidden.path} should be ${visible ? 'shown' : 'null'}, got ${JSON.stringify(parts)}`);
          }
          // The personal-data rule on every phone of the answer (the caller's own phone is always whole).
          const own = (as as { phone?: string } | null)?.phone;
          const whole = c.rule.wholePhones?.(c.persona, c.side) ?? seesWholePhones(c.persona, c.side);
          for (const phone of phones(r.data).filter((x) => x !== own)) {
            phonesChecked++;
            if (whole ? MASKED.test(phone) : !MASKED.test(phone)) mismatches.push(`${where}: phone ${phone} should be ${whole ? 'whole' : 'masked'}`);
          }
        }
      }),
    );
    console.log(`matrix (${mode}): ${all.length} read cases, ${phonesChecked} phones checked, in ${Date.now() - t0} ms`);
    expect(mismatches).toEqual([]);
    // The masking half must not be vacuous: the world puts phones in front of callers.
    expect(phonesChecked).toBeGreaterThan(20);
  });

  it('subscriptions: every subscription under every role, in scope and out of scope', async () => {
    const mismatches: string[] = [];
    await pool(
      cases(OperationTypeNode.SUBSCRIPTION).map((c) => async () => {
        const vars = c.rule.vars(w, w[c.side], c.side, 0);
        const as = callerOf(w, c.persona);
        let actual: string;
        if (!as) {
          const res = await fetch(`${stack.url}/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query: c.op.text, variables: vars }) });
          actual = res.status === 401 ? (((await res.json()) as GqlResult<unknown>).errors?.[0]?.extensions?.code ?? 'NO_CODE') : `HTTP ${res.status}`;
        } else {
          const stream = await openStream(stack.url, as, c.op.text, vars);
          await stream.open;
          // A refusal arrives at once and ends the stream (waited for, on a loaded machine); an accepted stream stays open and silent.
          if (expected(c) === 'ok') await new Promise((resolve) => setTimeout(resolve, 500));
          else await waitFor(() => stream.completed || stream.results.length > 0 || stream.errors.length > 0, { timeoutMs: 15_000, intervalMs: 50 }).catch(() => undefined);
          const codes = stream.results.flatMap((r) => (r.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code ?? 'NO_CODE'));
          actual = codes.length ? [...new Set(codes)].sort().join('+') : stream.errors.length ? 'STREAM_ERROR' : stream.completed ? 'completed' : 'ok';
          stream.close();
        }
        if (actual !== expected(c)) mismatches.push(`${c.op.name} as ${c.persona} (${c.side}): expected ${expected(c)}, got ${actual}`);
      }),
    );
    expect(mismatches).toEqual([]);
  });

  let n = 0;
  const writeVars = (c: Case) => WRITES[c.op.name].vars(w, w[c.side], c.side, ++n);

  it('writes refused: every mutation under every role it is not for, and out of scope, is refused (through the gateway and at its owning subgraph) and changes nothing', async () => {
    const t0 = Date.now();
    const refused = cases(OperationTypeNode.MUTATION).filter((c) => expected(c) !== 'ok');
    await stack.settle();
    const before = await domainEvents(stack);
    const mismatches: string[] = [];
    await pool(
      refused.map((c) => async () => {
        const vars = writeVars(c);
        const as = callerOf(w, c.persona);
        const backdoor = directOperation(c.op.text, Object.keys(stack.subgraphs));
        const answers: [string, GqlResult<any>][] = [
          ['gateway', await stack.gql(c.op.text, vars, as)],
          [backdoor.subgraph, await direct(stack.subgraphs[backdoor.subgraph].url, backdoor.query, backdoor.pick(vars), as)],
        ];
        for (const [via, r] of answers) {
          const actual = classify(r, c.op.rootField);
          if (actual !== expected(c)) mismatches.push(`${c.op.name} as ${c.persona} (${c.side}, via ${via}): expected ${expected(c)}, got ${actual} ${JSON.stringify(r.errors?.[0]?.message ?? '')}`);
        }
      }),
    );
    await stack.settle();
    console.log(`matrix (${mode}): ${refused.length} refused write cases in ${Date.now() - t0} ms`);
    expect(mismatches).toEqual([]);
    expect(await domainEvents(stack)).toEqual(before);
  });

  it('writes allowed: every mutation under every role it is for, in scope, is not refused', async () => {
    const t0 = Date.now();
    const allowed = cases(OperationTypeNode.MUTATION).filter((c) => expected(c) === 'ok');
    const mismatches: string[] = [];
    let succeeded = 0;
    const stateErrors = new Set<string>();
    // One operation's callers in turn (they share its objects), operations side by side.
    const byOperation = new Map<string, Case[]>();
    for (const c of allowed) byOperation.set(c.op.name, [...(byOperation.get(c.op.name) ?? []), c]);
    await pool(
      [...byOperation.values()].map((list) => async () => {
        for (const c of list) {
          const r = await stack.gql(c.op.text, writeVars(c), callerOf(w, c.persona));
          const actual = classify(r, c.op.rootField);
          if (actual === 'ok' || actual === 'empty') {
            succeeded++;
            continue;
          }
          stateErrors.add(c.op.name);
          if (!actual.split('+').every((code) => STATE_ERRORS.has(code) || (c.rule.consumes && code === 'NOT_FOUND')))
            mismatches.push(`${c.op.name} as ${c.persona} (${c.side}): expected an authorised answer, got ${actual} ${JSON.stringify(r.errors?.[0]?.message ?? '')}`);
        }
      }),
    );
    console.log(`matrix (${mode}): ${allowed.length} allowed write cases (${succeeded} succeeded, the rest met a state error, in ${[...stateErrors].sort().join(', ')}) in ${Date.now() - t0} ms`);
    expect(mismatches).toEqual([]);
  });

});
