import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, Kind, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { decodeJwt } from 'jose';
import { bearerToken, type Actor, type Logger, type Metrics, type TokenVerifier } from '@linli/platform';
import type { GatewayContext } from '../subgraph-client';
import { inboxKeys, ticketKey, type LiveEntry, type LiveFeed } from './feed';
import { LIVE_NOTIFICATION_VARIABLE, LIVE_REPORTER_ALIAS, planLiveOperation, type LivePlan } from './rewrite';
import { impersonalSelection, viewerClass, viewKey } from './share';
import { ViewHub, type LiveResult } from './views';

export interface LiveSettings {
  /** Open streams this process serves at most (global limit). */
  maxStreams: number;
  /** Open streams one person may hold at once (per-caller limit). */
  maxStreamsPerPerson: number;
  /** Comment lines that keep proxies from closing an idle stream. */
  heartbeatMs: number;
  /**
   * Selections being resolved for streams at once: an event watched by many
   * streams queues its runs here instead of flooding the subgraphs, so
   * queries and writes keep being served while updates fan out.
   */
  maxConcurrentUpdates: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = { maxStreams: 10_000, maxStreamsPerPerson: 20, heartbeatMs: 15_000, maxConcurrentUpdates: 32 };

/** Runs at most `limit` tasks at once, the rest in arrival order. */
export function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

interface LiveOptions extends LiveSettings {
  apollo: ApolloServer<GatewayContext>;
  feed: LiveFeed;
  verify: TokenVerifier;
  schema: () => GraphQLSchema | null;
  validationRules: ValidationRule[];
  logger: Logger;
  /** The gateway's registry: runs shared and alone, updates written, views open. */
  metrics?: Metrics;
  maxBodyBytes?: number;
}

type Result = LiveResult;

/** Codes that speak of the caller's own credentials: such an answer is never written to another caller's stream. */
const CALLER_CODES: ReadonlySet<unknown> = new Set(['UNAUTHENTICATED', 'RATE_LIMITED']);

const MAX_TIMER_MS = 2 ** 31 - 1;

/** True for requests the live handler serves: `/graphql/stream`, or `/graphql` asking for an event stream. */
export function isStreamRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/graphql/stream') return true;
  return path === '/graphql' && String(req.headers.accept ?? '').includes('text/event-stream');
}

function sendJson(res: ServerResponse, status: number, errors: { message: string; code: string }[], headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ errors: errors.map((e) => ({ message: e.message, extensions: { code: e.code } })) }));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        reject(new Error('too large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The request's GraphQL parameters: a JSON body (POST) or the query string (GET), as in the graphql-sse protocol. */
async function requestParams(req: IncomingMessage, limit: number): Promise<{ query: unknown; variables: unknown; operationName: unknown }> {
  if (req.method === 'GET') {
    const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const variables = search.get('variables');
    return { query: search.get('query'), variables: variables ? JSON.parse(variables) : undefined, operationName: search.get('operationName') };
  }
  const body = JSON.parse((await readBody(req, limit)) || '{}') as Record<string, unknown>;
  return { query: body.query, variables: body.variables, operationName: body.operationName };
}

/**
 * GraphQL over Server-Sent Events (the graphql-sse protocol, "distinct
 * connections" mode: one operation per stream, `next` then `complete`
 * events), authenticated and limited like queries. Every `next` carries an
 * SSE `id` (the bus position of the event behind it): a client that
 * reconnects with `Last-Event-ID` gets what it missed in the last 24 hours.
 */
export function createLiveHandler(opts: LiveOptions) {
  const streams = new Set<{ end: () => void }>();
  const perPerson = new Map<string, number>();
  const log = opts.logger.child({ component: 'live' });

  const limited = limiter(opts.maxConcurrentUpdates);
  const execute = async (query: string, variables: Record<string, unknown>, operationName: string | undefined, ctx: GatewayContext): Promise<Result> => {
    const response = await limited(() => opts.apollo.executeOperation({ query, variables, operationName }, { contextValue: ctx }));
    if (response.body.kind !== 'single') return { errors: [{ message: 'Incremental delivery is not supported', extensions: { code: 'BAD_REQUEST' } }] };
    const { data, errors } = response.body.singleResult;
    return errors ? { data, errors } : { data };
  };

  const sharedRuns = opts.metrics?.counter('live_shared_runs_total', 'Selection runs for a view of live streams, each written to every stream of the view');
  const aloneRuns = opts.metrics?.counter('live_alone_runs_total', 'Selection runs for one live stream alone (resumption, or an answer that could not be shared)');
  const sent = opts.metrics?.counter('live_updates_sent_total', 'Updates written to live streams');
  const hub = new ViewHub({
    follow: (keys, listener) => opts.feed.follow(keys, listener),
    missed: (keys, afterSeq) => opts.feed.since(keys, afterSeq),
    limit: limited,
    shareable: (result) => !result.errors?.some((e) => CALLER_CODES.has(e.extensions?.code)),
    onRun: (mode) => (mode === 'shared' ? sharedRuns : aloneRuns)?.inc(),
    onDeliver: () => sent?.inc(),
    onError: (err) => log.error({ err }, 'live update failed'),
  });
  opts.metrics?.gauge('live_views', 'Distinct views open (operation, variables, viewer class), each one selection run per change', [], (g) => g.set(hub.size));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' && req.method !== 'GET') return sendJson(res, 405, [{ message: 'Method not allowed', code: 'BAD_REQUEST' }]);
    const token = bearerToken(req.headers.authorization);
    let actor: Actor;
    try {
      if (!token) throw new Error('no token');
      actor = await opts.verify(token);
    } catch {
      return sendJson(res, 401, [{ message: 'Authentication required', code: 'UNAUTHENTICATED' }], { 'www-authenticate': 'Bearer' });
    }
    let params: Awaited<ReturnType<typeof requestParams>>;
    try {
      params = await requestParams(req, opts.maxBodyBytes ?? 1024 * 1024);
    } catch {
      return sendJson(res, 400, [{ message: 'Malformed request', code: 'BAD_REQUEST' }]);
    }
    const variables = (params.variables && typeof params.variables === 'object' ? params.variables : {}) as Record<string, unknown>;
    const operationName = typeof params.operationName === 'string' && params.operationName ? params.operationName : undefined;
    if (typeof params.query !== 'string' || !params.query) return sendJson(res, 400, [{ message: 'No query', code: 'BAD_REQUEST' }]);
    const schema = opts.schema();
    if (!schema) return sendJson(res, 503, [{ message: 'Not ready', code: 'INTERNAL_SERVER_ERROR' }]);

    let document: DocumentNode;
    try {
      document = parse(params.query, { maxTokens: 10_000 });
    } catch (e) {
      return sendJson(res, 400, [{ message: (e as GraphQLError).message, code: 'GRAPHQL_PARSE_FAILED' }]);
    }
    const opDef = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
    // graphql-js 16 validates a subscription even without a Subscription root type.
    if (opDef?.kind === Kind.OPERATION_DEFINITION && !schema.getRootType(opDef.operation)) {
      return sendJson(res, 400, [{ message: `The schema has no ${opDef.operation} type`, code: 'GRAPHQL_VALIDATION_FAILED' }]);
    }
    const invalid = validate(schema, document, [...specifiedRules, ...opts.validationRules]);
    if (invalid.length) {
      const code = (e: GraphQLError) => (e.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED';
      return sendJson(res, 400, invalid.map((e) => ({ message: e.message, code: code(e) })));
    }
    let plan: LivePlan;
    try {
      plan = planLiveOperation(document, operationName, variables);
    } catch (e) {
      return sendJson(res, 400, [{ message: (e as Error).message, code: 'BAD_USER_INPUT' }]);
    }

    if (streams.size >= opts.maxStreams) return sendJson(res, 503, [{ message: 'Too many open streams', code: 'RATE_LIMITED' }], { 'retry-after': '5' });
    if ((perPerson.get(actor.personId) ?? 0) >= opts.maxStreamsPerPerson) {
      return sendJson(res, 429, [{ message: 'Too many open streams for this caller', code: 'RATE_LIMITED' }], { 'retry-after': '5' });
    }

    const streamId = randomUUID();
    const ctx = (suffix: string): GatewayContext => ({ requestId: `${streamId}:${suffix}`, authorization: `Bearer ${token}`, personId: actor.personId });
    const write = (chunk: string) => {
      if (!res.writableEnded) res.write(chunk);
    };
    const next = (result: Result, id?: number) => write(`${id !== undefined ? `id: ${id}\n` : ''}event: next\ndata: ${JSON.stringify(result)}\n\n`);
    const open = () => {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      // An empty comment first: some browsers wait for a first chunk before firing `open`.
      write(':\n\n');
    };

    if (plan.kind === 'once') {
      open();
      next(await execute(params.query, variables, operationName, ctx('once')));
      write('event: complete\ndata:\n\n');
      res.end();
      return;
    }
    // ticketUpdated: the caller must see the ticket now (FORBIDDEN or NOT_FOUND otherwise), as a query of it would say.
    // The same run tells whether the caller reported it: a reporter's answers are its own (contract "Personal data").
    let personal = true;
    if (plan.kind === 'ticket') {
      const first = await execute(plan.checkQuery, variables, operationName, ctx('check'));
      if (first.errors?.length) {
        open();
        next({ errors: first.errors });
        write('event: complete\ndata:\n\n');
        res.end();
        return;
      }
      const root = Object.values((first.data ?? {}) as Record<string, { [LIVE_REPORTER_ALIAS]?: { id?: string } | null } | null>)[0];
      const reporter = root?.[LIVE_REPORTER_ALIAS]?.id === actor.personId;
      personal = reporter || !impersonalSelection(schema, document);
    }

    open();
    perPerson.set(actor.personId, (perPerson.get(actor.personId) ?? 0) + 1);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      leave();
      clearInterval(heartbeat);
      clearTimeout(expiry);
      streams.delete(stream);
      const n = (perPerson.get(actor.personId) ?? 1) - 1;
      if (n > 0) perPerson.set(actor.personId, n);
      else perPerson.delete(actor.personId);
      if (!res.writableEnded) {
        write('event: complete\ndata:\n\n');
        res.end();
      }
    };
    const stream = { end };

    // The stream joins its view: streams of the same operation, variables and
    // viewer class share each run (views.ts); a notification is looked up by its id.
    const lastEventId = Number(req.headers['last-event-id']);
    const keys = plan.kind === 'ticket' ? [ticketKey(plan.ticketId)] : inboxKeys(actor.personId, actor.orgs);
    const spec = { key: viewKey(plan.query, operationName, variables, viewerClass(actor, personal)), feedKeys: keys, coalesce: plan.kind === 'ticket' };
    const leave = hub.join(
      spec,
      {
        run: (entry: LiveEntry) =>
          execute(plan.query, plan.kind === 'ticket' ? variables : { ...variables, [LIVE_NOTIFICATION_VARIABLE]: entry.notificationId }, operationName, ctx(String(entry.seq))),
        deliver: (result, seq) => {
          if (ended) return;
          next(result, seq);
          const code = result.errors?.[0]?.extensions?.code;
          // Lost the right to see it (or the token expired meanwhile): the stream ends.
          if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') end();
        },
      },
      Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : null,
    );
    const heartbeat = setInterval(() => write(':\n\n'), opts.heartbeatMs);
    heartbeat.unref();
    // A stream lives no longer than its token: it ends cleanly at `exp`, and the client reconnects with a fresh one.
    const exp = decodeJwt(token!).exp;
    const expiry = setTimeout(end, Math.min(MAX_TIMER_MS, Math.max(0, (exp ?? 0) * 1000 - Date.now())));
    expiry.unref();
    streams.add(stream);
    res.on('close', end);
    // The client may have gone while the first check ran.
    if (res.destroyed || req.socket.destroyed) end();
  }

  return {
    handle: (req: IncomingMessage, res: ServerResponse) =>
      handle(req, res).catch((err: unknown) => {
        log.error({ err }, 'live request failed');
        if (!res.headersSent) sendJson(res, 500, [{ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' }]);
        else res.end();
      }),
    get open() {
      return streams.size;
    },
    /** Ends every open stream (`complete`), at shutdown. */
    closeAll: () => [...streams].forEach((s) => s.end()),
  };
}
