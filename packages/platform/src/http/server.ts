import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import { extractTraceContext, SpanKind, withSpan } from '../tracing';
import type { Metrics, MetricsExposure } from './metrics';

export const REQUEST_ID_HEADER = 'x-request-id';
/** The gateway's credential towards the subgraphs (SUBGRAPH_SERVICE_TOKEN): it unlocks `_service { sdl }`. */
export const SERVICE_TOKEN_HEADER = 'x-linli-service-token';
/** Contract: a mutation sent again with the same key (by the same caller, within 24 h) gets the first answer. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The request's idempotency key when it is a usable one (1–200 visible ASCII characters), else undefined. */
export function idempotencyKeyOf(headers: IncomingMessage['headers']): string | undefined {
  const raw = headers[IDEMPOTENCY_KEY_HEADER];
  return typeof raw === 'string' && /^[\x21-\x7e]{1,200}$/.test(raw) ? raw : undefined;
}

/**
 * Epoch milliseconds after which the caller (the gateway) will have given up
 * on this request: a subgraph rolls a write back instead of committing it
 * after that, so a timed-out write is a write not done.
 */
export const DEADLINE_HEADER = 'x-linli-deadline';

/** The deadline a request carries, or undefined. */
export function deadlineOf(headers: IncomingMessage['headers']): number | undefined {
  const raw = Number(headers[DEADLINE_HEADER]);
  return Number.isFinite(raw) && raw > 0 ? raw : undefined;
}

/** A stored or computed answer sent as it is. */
export interface CompleteAnswer {
  status: number;
  body: string;
}

/** See GraphQLHttpOptions.idempotency; the subgraph kit implements it over its database. */
export interface IdempotencyHooks {
  /** The first answer to a repeated mutation (or a CONFLICT), or null to run the request. */
  replay(req: { headers: IncomingMessage['headers']; body: unknown }): Promise<CompleteAnswer | null>;
  /** Records the answer of a request whose write claimed its key; runs before the answer is sent. */
  remember(answer: CompleteAnswer): Promise<void>;
}
/**
 * Request bodies over this are refused before any parsing. 3 MB: the
 * register's import carries up to 1 MB of CSV in one call (contract
 * "Households and the register"), and JSON escaping can nearly double it.
 */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface RequestInfo {
  requestId: string;
  headers: IncomingMessage['headers'];
  /** True once the client has gone (closed or timed out) before its answer was sent: a write should not commit then. */
  aborted: () => boolean;
}

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Builds the per-request context; throwing a GraphQLError answers with it. */
  context: (info: RequestInfo) => Promise<C>;
  /** `/health/ready`: true when this process can serve (its database, its subgraphs). */
  ready: () => Promise<boolean>;
  logger: Logger;
  maxBodyBytes?: number;
  /**
   * GraphQL requests served at once; more are refused at once with 503
   * before anything runs (load shedding), so under saturation a request is
   * either served within its caller's timeout or answered as not done,
   * never committed and then timed out (default: no limit).
   */
  maxInFlight?: number;
  /** Served as Prometheus text on `/metrics`. */
  metrics?: Metrics;
  /** Who may read `/metrics` on this port (default: anyone, as in embedded mode and tests). */
  metricsExposure?: MetricsExposure;
  /** Runs each request (e.g. inside an AsyncLocalStorage scope); the default just calls it. */
  around?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Idempotency-Key handling (subgraphs: the key is claimed in the write's transaction). */
  idempotency?: IdempotencyHooks;
  /** Extra response headers computed once the operation has run (e.g. its SQL count). */
  responseHeaders?: () => Record<string, string>;
  /** Serves routes besides GraphQL and health (e.g. a file store's signed links); true when it answered. */
  route?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: http.Server;
  /** Stops accepting, lets in-flight requests finish for `graceMs` (default 0: cut at once), then closes. */
  close(graceMs?: number): Promise<void>;
}

class BodyTooLarge extends Error {}

/** Bodies above this many characters are parsed in a later turn of the event loop. */
const YIELD_BEFORE_PARSE_CHARS = 64 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    // Decoded chunk by chunk as it arrives: a megabyte body never costs one long
    // decode in a single turn of the event loop (health probes wait behind it).
    const decoder = new StringDecoder('utf8');
    let text = '';
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      text += decoder.write(chunk);
    });
    req.on('end', () => resolve(text + decoder.end()));
    req.on('error', reject);
  });
}

/**
 * Every answer is sent whole with its `Content-Length`: a chunked body on a
 * reused keep-alive socket is what a lagging client misreads as a premature
 * close, turning a committed write into an error (issue 11).
 */
function sendComplete(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string) {
  sendComplete(res, status, { 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: requestId }, JSON.stringify(body));
}

/**
 * Serves one Apollo Server over plain node:http: `POST|GET /graphql`,
 * `/health/live`, `/health/ready`. Shared by the gateway and every subgraph so
 * limits, request ids and logging are the same everywhere.
 */
export function createGraphQLHttpHandler<C extends BaseContext>(opts: GraphQLHttpOptions<C>) {
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const around = opts.around ?? (<T>(work: () => Promise<T>) => work());
  const requests = opts.metrics?.counter('graphql_requests_total', 'GraphQL HTTP requests served');
  const shed = opts.metrics?.counter('graphql_requests_shed_total', 'GraphQL requests refused with 503 because too many were in flight');
  let inFlight = 0;
  const exposure = opts.metricsExposure ?? { open: true };
  return (req: IncomingMessage, res: ServerResponse) => around(() => handle(req, res));

  /** The request's server span continues the caller's trace (`traceparent`): the gateway's fetch span for a subgraph. */
  function traced(req: IncomingMessage, work: () => Promise<void>): Promise<void> {
    return withSpan(
      `${req.method} /graphql`,
      { kind: SpanKind.SERVER, parent: extractTraceContext(req.headers), attributes: { 'http.request.method': req.method ?? '' } },
      work,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const incomingId = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incomingId === 'string' && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = process.hrtime.bigint();
    try {
      if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' }, requestId);
      if (url.pathname === '/health/ready') {
        const ok = await opts.ready().catch(() => false);
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' }, requestId);
      }
      if (url.pathname === '/metrics' && opts.metrics && !exposure.port && (exposure.open || exposure.token)) {
        if (!exposure.open && req.headers.authorization !== `Bearer ${exposure.token}`) {
          res.writeHead(401, { 'www-authenticate': 'Bearer' });
          res.end();
          return;
        }
        return await serveMetrics(opts.metrics, res);
      }
      if (url.pathname !== '/graphql') {
        if (opts.route && (await opts.route(req, res, url))) return;
        return sendJson(res, 404, { error: 'not found' }, requestId);
      }
      requests?.inc();
      return await traced(req, () => graphql(req, res, url, requestId));
    } catch (error) {
      return failed(error, res, requestId);
    } finally {
      if (url.pathname === '/graphql') {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        opts.logger.debug({ requestId, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      }
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    try {
      if (req.method !== 'POST' && req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' }, requestId);
      if (opts.maxInFlight !== undefined && inFlight >= opts.maxInFlight) {
        shed?.inc();
        res.setHeader('retry-after', '1');
        return sendJson(res, 503, { errors: [{ message: 'Server busy; nothing was done, retry later', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, requestId);
      }
      inFlight++;
      let aborted = false;
      res.once('close', () => {
        inFlight--;
        if (!res.writableFinished) aborted = true;
      });

      let body: unknown = undefined;
      if (req.method === 'POST') {
        const raw = await readBody(req, limit);
        // Parsing a large body is the longest step before execution: let waiting
        // I/O (a liveness probe, other requests' chunks) run first.
        if (raw.length > YIELD_BEFORE_PARSE_CHARS) await new Promise<void>((resolve) => setImmediate(resolve));
        const type = String(req.headers['content-type'] ?? '');
        if (type.includes('application/json')) {
          try {
            body = raw.length ? JSON.parse(raw) : undefined;
          } catch {
            return sendJson(res, 400, { errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] }, requestId);
          }
        } else {
          body = raw;
        }
      }
      const replayed = opts.idempotency ? await opts.idempotency.replay({ headers: req.headers, body }) : null;
      if (replayed) {
        return sendComplete(res, replayed.status, { 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: requestId }, replayed.body);
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
        context: () => opts.context({ requestId, headers: req.headers, aborted: () => aborted }),
      });
      const out: Record<string, string> = { [REQUEST_ID_HEADER]: requestId, ...opts.responseHeaders?.() };
      for (const [key, value] of response.headers) out[key] = value;
      if (response.body.kind === 'complete') {
        delete out['content-length'];
        await opts.idempotency?.remember({ status: response.status ?? 200, body: response.body.string });
        sendComplete(res, response.status ?? 200, out, response.body.string);
      } else {
        // Incremental delivery (@defer) is the one streamed answer.
        res.writeHead(response.status ?? 200, out);
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      failed(error, res, requestId);
    }
  }

  function failed(error: unknown, res: ServerResponse, requestId: string): void {
    if (error instanceof BodyTooLarge) {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { errors: [{ message: `Request body over ${limit} bytes`, extensions: { code: 'BAD_REQUEST' } }] }, requestId);
    }
    opts.logger.error({ err: error, requestId }, 'unhandled request error');
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, requestId);
    else res.end();
  }
}

async function serveMetrics(metrics: Metrics, res: ServerResponse): Promise<void> {
  const text = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType });
  res.end(text);
}

/**
 * `/metrics` alone on its own port (METRICS_PORT): in Kubernetes only the
 * monitoring namespace reaches it, and the public port never serves it.
 */
export async function listenMetrics(metrics: Metrics, port: number, host = '0.0.0.0'): Promise<RunningHttpServer> {
  return listen(
    (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/metrics') {
        res.writeHead(404);
        res.end();
        return;
      }
      serveMetrics(metrics, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
    },
    port,
    host,
  );
}

/** Listens on `port` (0 = a free one) and resolves once bound. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host = '0.0.0.0',
): Promise<RunningHttpServer> {
  let closing = false;
  const server = http.createServer((req, res) => {
    // While shutting down, no answer invites the client to reuse the connection.
    if (closing) res.setHeader('connection', 'close');
    handler(req, res);
  });
  // Gateway keep-alive connections must outlive the gateway agent's idle timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    port: bound,
    server,
    close: (graceMs = 0) => {
      closing = true;
      return closeGracefully(server, graceMs);
    },
  };
}

/**
 * Stops accepting connections, lets in-flight requests finish for `graceMs`,
 * then cuts what is left: a request whose write committed gets its answer
 * instead of a cut connection (issue 11, SIGTERM under load).
 */
export function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
