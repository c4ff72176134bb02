import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, fetch } from 'undici';
import { isShed, shedBackoffMs } from './shed';
import { dedupeRepresentations, expandEntities } from './representations';
import type { EntityCache } from './entity-cache/entity-cache';
import { fetchEntitiesThroughCache } from './entity-cache/cached-fetch';
import { DEADLINE_HEADER, IDEMPOTENCY_KEY_HEADER, isPublicCode, REQUEST_ID_HEADER, SERVICE_TOKEN_HEADER, type Counter, type Logger, type Metrics } from '@linli/platform';

/** What the gateway keeps per request and hands to the subgraph calls. */
export interface GatewayContext {
  requestId: string;
  /** The caller's `Authorization` header, already verified; subgraphs verify it again. */
  authorization: string;
  personId: string;
  /** The client's `Idempotency-Key`, forwarded with the mutation's own fetch only. */
  idempotencyKey?: string;
  /** Subgraphs that already timed out in this request: a hung subgraph costs its timeout once per request. */
  timedOut?: Set<string>;
}

/** Why a fetch failed because the subgraph did not answer in time (so the request stops asking it). */
export class SubgraphTimeout extends Error {}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** The fetch that runs a mutation (the gateway's fetch documents are never anonymous shorthand). */
const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');
type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

export interface SubgraphClientOptions {
  name: string;
  url: string;
  timeoutMs: number;
  maxSockets: number;
  /** Counts fetches per subgraph (`/metrics`): subgraph calls per request are part of the benchmark. */
  metrics?: Metrics;
}

/**
 * One subgraph's HTTP side: an undici pool with a socket cap, and a fetch
 * under one deadline for connect, headers and body (@apollo/gateway has no
 * timeout of its own: a hung subgraph would hang the request). undici reads
 * each answer by its Content-Length and retires idle sockets well before the
 * subgraph's 65 s keep-alive ends, so a reused socket is never one the server
 * is closing (node-fetch 2 misread those as "Premature close" under load,
 * after the write had committed).
 */
export class SubgraphClient {
  readonly name: string;
  readonly url: string;
  private readonly agent: Agent;
  readonly timeoutMs: number;
  private readonly fetches?: Counter;
  private readonly shed?: Counter;

  constructor(opts: SubgraphClientOptions) {
    this.name = opts.name;
    this.fetches = opts.metrics?.counter(`subgraph_fetches_${opts.name}_total`, `GraphQL fetches sent to the ${opts.name} subgraph`);
    this.shed = opts.metrics?.counter(`subgraph_shed_retries_${opts.name}_total`, `Fetches the ${opts.name} subgraph refused as busy (nothing run) and the gateway sent again`);
    this.url = opts.url;
    this.timeoutMs = opts.timeoutMs;
    this.agent = new Agent({
      connections: opts.maxSockets,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
  }

  readonly fetch: Fetcher = async (url, init) => {
    // One deadline for every attempt, connect, headers and body: the signal stays armed
    // while the data source reads the body.
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      for (let attempt = 0; ; attempt++) {
        this.fetches?.inc();
        const res = await fetch(url, {
          method: init?.method,
          headers: init?.headers as Record<string, string> | undefined,
          body: init?.body as string | undefined,
          dispatcher: this.agent,
          signal,
        });
        // A subgraph that sheds load refuses before it runs anything (503 with Retry-After,
        // see platform's http/server.ts), so sending it again is safe for a mutation too:
        // the gateway queues the burst instead of failing a write nobody ran.
        if (!isShed(res.status, res.headers.get('retry-after'))) return res as unknown as Awaited<ReturnType<Fetcher>>;
        await res.body?.cancel();
        this.shed?.inc();
        await delay(shedBackoffMs(attempt), undefined, { signal });
      }
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError' || /timeout/i.test(String((error as Error).cause ?? ''))) {
        throw new SubgraphTimeout(`subgraph ${this.name} did not answer within ${this.timeoutMs} ms`, { cause: error });
      }
      throw error;
    }
  };

  /** Readiness of the subgraph (its database answers, it is not shutting down): its `/health/ready`. */
  async isReady(timeoutMs: number): Promise<boolean> {
    try {
      const res = await fetch(new URL('health/ready', this.url).toString(), { dispatcher: this.agent, signal: AbortSignal.timeout(timeoutMs) });
      await res.text();
      return res.ok;
    } catch {
      return false;
    }
  }

  destroy(): void {
    void this.agent.destroy();
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RemoteGraphQLDataSource that forwards the caller's token and request id, and
 * turns non-2xx subgraph answers into an error that keeps the subgraph's own
 * contract code (the stock one keeps only 401/403 and carries the subgraph URL
 * and body; maskError drops those, but the code would be lost with them).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly client: SubgraphClient,
    private readonly logger: Logger,
    private readonly serviceToken?: string,
    /** Public registry entities answered without a fetch (entity-cache/). */
    private readonly cache?: EntityCache,
  ) {
    super({ url: client.url, fetcher: client.fetch });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const headers = request.http?.headers;
    if (!headers || !context.requestId) return;
    headers.set('authorization', context.authorization);
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (this.serviceToken) headers.set(SERVICE_TOKEN_HEADER, this.serviceToken);
    // The subgraph commits a write only before this, a margin ahead of the fetch timeout, so a
    // write the gateway answers as timed out is a write rolled back.
    headers.set(DEADLINE_HEADER, String(Date.now() + this.client.timeoutMs - Math.min(5_000, Math.floor(this.client.timeoutMs * 0.4))));
    // Only the fetch that runs the mutation carries the key: entity fetches of
    // the same request are reads and must not be answered from the key's record.
    if (context.idempotencyKey && isMutation(request.query)) headers.set(IDEMPOTENCY_KEY_HEADER, context.idempotencyKey);
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    const first = isObject(body) && Array.isArray(body.errors) ? body.errors.find(isObject) : undefined;
    const extensions = first && isObject(first.extensions) ? first.extensions : {};
    let code: unknown = extensions.code;
    if (!isPublicCode(code)) code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
    if (typeof code === 'string' && first && typeof first.message === 'string') {
      return new GraphQLError(first.message, { extensions: { ...extensions, code } });
    }
    if (typeof code === 'string') return new GraphQLError(code === 'FORBIDDEN' ? 'Not allowed' : 'Authentication required', { extensions: { code } });
    return new GraphQLError(`subgraph ${this.client.name} answered HTTP ${response.status}`);
  }

  /**
   * Entity fetches of public registry data go through the cache (only what it
   * lacks is fetched); a write forwarded to a subgraph drops what the cache
   * holds from it, so this gateway's callers read their own writes.
   */
  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const { query, variables } = options.request;
    if (this.cache && query && variables) {
      const answer = await fetchEntitiesThroughCache(this.cache, this.client.name, query, variables, (representations) =>
        this.fetchFromSubgraph({ ...options, request: { ...options.request, variables: { ...variables, representations } } }),
      );
      if (answer) return answer as GatewayGraphQLResponse;
    }
    try {
      return await this.fetchFromSubgraph(options);
    } finally {
      if (this.cache && isMutation(query)) this.cache.invalidateSubgraph(this.client.name);
    }
  }

  /** One fetch from the subgraph. A subgraph that timed out once in this request fails at once for the rest of it (see GatewayContext.timedOut). */
  protected async fetchFromSubgraph(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<GatewayContext>;
    if (context.timedOut?.has(this.client.name)) throw new Error(`subgraph ${this.client.name} already timed out in this request`);
    try {
      return await this.processDeduped(options);
    } catch (error) {
      if (error instanceof SubgraphTimeout || (error as Error).cause instanceof SubgraphTimeout) context.timedOut?.add(this.client.name);
      throw error;
    }
  }

  /** Sends each distinct entity representation once (see representations.ts). */
  private async processDeduped(options: ProcessOptions) {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations) || representations.length < 2) return super.process(options);
    const dedup = dedupeRepresentations(representations);
    if (dedup.unique.length === representations.length) return super.process(options);
    const response = await super.process({
      ...options,
      request: { ...options.request, variables: { ...options.request.variables, representations: dedup.unique } },
    });
    const data = response.data as { _entities?: unknown[] | null } | null | undefined;
    const { entities, errors } = expandEntities(dedup, data?._entities, response.errors);
    return {
      ...response,
      ...(data && '_entities' in data ? { data: { ...data, _entities: entities } } : {}),
      ...(response.errors ? { errors } : {}),
    };
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }, context?: GatewayContext): void {
    this.logger.warn({ requestId: context?.requestId, subgraph: this.client.name, status: response?.status, err: error }, 'subgraph request failed');
    throw error;
  }
}
