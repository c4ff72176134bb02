import { injectTraceContext, SpanKind, withSpan, type Histogram, type Logger } from '@linli/platform';
import { SubgraphDataSource, type SubgraphClient } from './subgraph-client';

import type { EntityCache } from './entity-cache/entity-cache';

type ProcessOptions = Parameters<SubgraphDataSource['process']>[0];
type WillSendOptions = Parameters<SubgraphDataSource['willSendRequest']>[0];

/**
 * The data source with its observability: one client span per subgraph fetch
 * whose context travels in the `traceparent` header (set here, in
 * willSendRequest, so the fetcher stays the transport's business), and the
 * fetch's duration in `subgraph_fetch_duration_seconds{subgraph,outcome}`.
 */
export class ObservedDataSource extends SubgraphDataSource {
  constructor(
    private readonly subgraph: SubgraphClient,
    logger: Logger,
    private readonly durations: Histogram<'subgraph' | 'outcome'>,
    serviceToken?: string,
    cache?: EntityCache,
  ) {
    super(subgraph, logger, serviceToken, cache);
  }

  override willSendRequest(options: WillSendOptions) {
    super.willSendRequest(options);
    const headers = options.request.http?.headers;
    if (headers) injectTraceContext((key, value) => headers.set(key, value));
  }

  // Only what reaches the subgraph is timed and traced: an entity answered from the cache is neither.
  protected override fetchFromSubgraph(options: ProcessOptions): ReturnType<SubgraphDataSource['process']> {
    const stop = this.durations.startTimer({ subgraph: this.subgraph.name });
    return withSpan(`subgraph ${this.subgraph.name}`, { kind: SpanKind.CLIENT, attributes: { 'linli.subgraph': this.subgraph.name } }, async () => {
      try {
        const response = await super.fetchFromSubgraph(options);
        stop({ outcome: response.errors?.length ? 'errors' : 'ok' });
        return response;
      } catch (error) {
        stop({ outcome: 'failed' });
        throw error;
      }
    });
  }
}

