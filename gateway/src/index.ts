export { createGateway, type GatewayOptions, type RunningGateway } from './server';
export { startGateway, readSupergraph } from './start';
export { loadSettings, gatewayEnvSchema, type GatewaySettings } from './env';
export {
  composeSupergraph,
  readSubgraphSources,
  allSubgraphSchemasExist,
  subgraphSchemaPath,
  CompositionError,
  SUPERGRAPH_FILE,
  type SubgraphSource,
} from './compose';
export { SUBGRAPHS, type SubgraphName } from './subgraphs';
export {
  COST_MODEL,
  DEFAULT_LIMITS,
  createComplexityRule,
  measureDocument,
  limitViolations,
  type QueryLimits,
  type Complexity,
  type OperationComplexity,
} from './limits';
export type { GatewayContext } from './subgraph-client';
export type { ReadinessOptions } from './readiness';
export { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/streams';
