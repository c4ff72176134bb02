import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  print,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { apiSchemaOf, loadContractOperations, loadSafelist, sha256, SUPERGRAPH_FILE, type ContractOperation } from '@linli/gateway';
import { mintToken } from '@linli/testing';
import { MODES, startTestStack, type TestStack } from './harness';

/**
 * Production's safelist through the real gateway over the real subgraphs:
 * every contract operation that validates today runs when sent by its id
 * alone (`extensions.persistedQuery.sha256Hash`, no `query`), and a document
 * outside the manifests is refused before any subgraph sees it.
 */
/** The manifest body of a contract operation (its canonical print). */
const readBody = (op: ContractOperation) => print(op.document);

const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const safelist = loadSafelist();

/** The contract operations the supergraph serves today (the others are pending in gateway/test/pending). */
function servedToday(schema: GraphQLSchema): ContractOperation[] {
  return loadContractOperations().filter((op) => {
    const def = op.document.definitions[0] as OperationDefinitionNode;
    return def.operation !== 'subscription' && schema.getRootType(def.operation) && validate(schema, op.document).length === 0;
  });
}

const SCALARS: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  String: () => 'x',
  Int: () => 1,
  Float: () => 1,
  Boolean: () => false,
  Date: () => '2026-01-01',
  DateTime: () => '2026-01-01T00:00:00.000Z',
};

/** A value of the type that passes GraphQL's own coercion (the subgraph may still refuse it: that is an answer). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  const make = SCALARS[getNamedType(type).name];
  if (!make) throw new Error(`no sample for scalar ${getNamedType(type).name}`);
  return make();
}

/** Values for the operation's required variables. */
function variablesOf(op: ContractOperation): Record<string, unknown> {
  const def = op.document.definitions[0] as OperationDefinitionNode;
  const out: Record<string, unknown> = {};
  for (const v of def.variableDefinitions ?? []) {
    if (v.type.kind !== Kind.NON_NULL_TYPE) continue;
    out[v.variable.name.value] = sample(typeFromAST(schema, v.type) as GraphQLInputType);
  }
  return out;
}

/** What the safelist or the gateway's own checks answer when they refuse; a served operation never sees these. */
const REFUSED = ['PERSISTED_QUERY_NOT_FOUND', 'OPERATION_NOT_ALLOWED', 'PERSISTED_QUERY_NOT_SUPPORTED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'];

describe.each(MODES)('persisted operations in safelist mode (%s)', (mode) => {
  let stack: TestStack;
  let token: string;

  const post = async (body: unknown, client = 'resident-app') => {
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollographql-client-name': client, 'apollographql-client-version': '1.0.0' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  };
  const byId = (id: string, variables: Record<string, unknown> = {}) => post({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
  const subgraphRequests = () =>
    Object.values(stack.subgraphs).reduce((n, s) => n + s.metrics.counter('graphql_requests_total', 'GraphQL HTTP requests served').get(), 0);

  beforeAll(async () => {
    stack = await startTestStack(mode, 'safelist', { gateway: { operations: { mode: 'safelist', safelist } } });
    token = await mintToken({ sub: 'system-admin', roles: ['SYSTEM_ADMIN'], orgs: [] });
  });
  afterAll(() => stack?.stop());

  it('lists every contract operation in some app manifest', () => {
    const missing = loadContractOperations().filter((op) => !safelist.get(sha256(readBody(op))));
    expect(missing.map((o) => o.name)).toEqual([]);
  });

  it('runs every contract operation the supergraph serves, sent by id alone', async () => {
    const ops = servedToday(schema);
    expect(ops.length).toBeGreaterThanOrEqual(46);
    const refused: string[] = [];
    for (const op of ops) {
      const r = await byId(sha256(readBody(op)), variablesOf(op));
      const codes = (r.body.errors ?? []).map((e) => e.extensions?.code ?? '');
      // Synthesised variables name nothing that exists: NOT_FOUND, FORBIDDEN or BAD_USER_INPUT are answers from the subgraphs.
      if (codes.some((c) => REFUSED.includes(c)) || (!r.body.data && !r.body.errors)) refused.push(`${op.name}: ${JSON.stringify(r.body)}`);
    }
    expect(refused).toEqual([]);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown id, without calling a subgraph', async () => {
    const before = subgraphRequests();
    const r = await byId(sha256('query Unknown { __typename }'));
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(subgraphRequests()).toBe(before);
  });

  it('refuses a document outside the manifests with OPERATION_NOT_ALLOWED, without calling a subgraph', async () => {
    const before = subgraphRequests();
    // Not even validated: an unlisted document learns nothing about the schema.
    const r = await post({ query: 'query Probe { organisations(first: 1) { totalCount } secrets }' });
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_ALLOWED']);
    expect(r.body.data).toBeUndefined();
    expect(subgraphRequests()).toBe(before);
  });

  it('takes a listed document by its text too, and stores nothing a client tries to register', async () => {
    const op = servedToday(schema).find((o) => o.name === 'ServiceMenu') ?? servedToday(schema)[0];
    const body = readBody(op);
    const r = await post({ query: body, variables: variablesOf(op) });
    expect((r.body.errors ?? []).map((e) => e.extensions?.code).filter((c) => REFUSED.includes(c ?? ''))).toEqual([]);
    // APQ registration of an unlisted document: refused, and its id stays unknown.
    const probe = 'query Registered { __typename }';
    const registered = await post({ query: probe, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(probe) } } });
    expect(registered.body.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_ALLOWED']);
    expect((await byId(sha256(probe))).body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('counts operations by app in the metrics', async () => {
    const text = await (await fetch(new URL('/metrics', stack.url))).text();
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{[^}]*operation="[A-Za-z]+"[^}]*client="resident-app"/);
    expect(text).toMatch(/graphql_operations_total\{[^}]*operation="other"[^}]*client="resident-app"[^}]*outcome="error"/);
  });
});

