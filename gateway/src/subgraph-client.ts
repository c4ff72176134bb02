import http from 'node:http';
import https from 'node:https';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import fetch from 'node-fetch';
import { dedupeRepresentations, expandEntities } from './representations';
import { isPublicCode, REQUEST_ID_HEADER, SERVICE_TOKEN_HEADER, type Counter, type Logger, type Metrics } from '@linli/platform';

/** What the gateway keeps per request and hands to the subgraph calls. */
export interface GatewayContext {
  requestId: string;
  /** The caller's `Authorization` header, already verified; subgraphs verify it again. */
  authorization: string;
  personId: string;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphClientOptions {
  name: string;
  url: string;
  timeoutMs: number;
  maxSockets: number;
  /** Counts fetches per subgraph (`/metrics`): subgraph calls per request are part of the benchmark. */
  metrics?: Metrics;
}

/**
 * One subgraph's HTTP side: a keep-alive agent with a socket cap, and a fetch
 * under one deadline for connect, headers and body (@apollo/gateway has no
 * timeout of its own: a hung subgraph would hang the request).
 */
export class SubgraphClient {
  readonly name: string;
  readonly url: string;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly fetches?: Counter;

  constructor(opts: SubgraphClientOptions) {
    this.name = opts.name;
    this.fetches = opts.metrics?.counter(`subgraph_fetches_${opts.name}_total`, `GraphQL fetches sent to the ${opts.name} subgraph`);
    this.url = opts.url;
    this.timeoutMs = opts.timeoutMs;
    const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets, maxFreeSockets: Math.min(opts.maxSockets, 16) };
    this.agent = opts.url.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  readonly fetch: Fetcher = async (url, init) => {
    this.fetches?.inc();
    try {
      // The signal stays armed while the data source reads the body.
      return await fetch(url, { ...init, agent: this.agent, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        throw new Error(`subgraph ${this.name} did not answer within ${this.timeoutMs} ms`, { cause: error });
      }
      throw error;
    }
  };

  /** Liveness of the subgraph process: its `/health/live`, next to its GraphQL path. */
  async isLive(timeoutMs: number): Promise<boolean> {
    try {
      const res = await fetch(new URL('health/live', this.url).toString(), { agent: this.agent, signal: AbortSignal.timeout(timeoutMs) });
      await res.text();
      return res.ok;
    } catch {
      return false;
    }
  }

  destroy(): void {
    this.agent.destroy();
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
  ) {
    super({ url: client.url, fetcher: client.fetch });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const headers = request.http?.headers;
    if (!headers || !context.requestId) return;
    headers.set('authorization', context.authorization);
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (this.serviceToken) headers.set(SERVICE_TOKEN_HEADER, this.serviceToken);
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

  /** Sends each distinct entity representation once (see representations.ts). */
  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
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
