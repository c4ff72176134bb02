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
  API_SCHEMA_FILE,
  apiSchemaOf,
  apiSchemaSdl,
  type SubgraphSource,
} from './compose';
export { SUBGRAPHS, type SubgraphName } from './subgraphs';
// The query limits moved to @linli/platform (shared with every subgraph); re-exported for existing importers.
export {
  COST_MODEL,
  DEFAULT_LIMITS,
  createComplexityRule,
  measureDocument,
  limitViolations,
  type QueryLimits,
  type Complexity,
  type OperationComplexity,
} from '@linli/platform';
export type { GatewayContext } from './subgraph-client';
export type { ReadinessOptions } from './readiness';
export { withCors, isOrigin, CORS_ALLOWED_HEADERS } from './cors';
export {
  loadSafelist,
  Safelist,
  sha256,
  OPERATIONS_DIR,
  type OperationsMode,
  type PersistedOperation,
  type PersistedQueryManifest,
} from './operations';
export { APP_CONTRACT_FILES, buildManifests, loadContractOperations, CONTRACT_DIR, type ContractOperation } from './manifests';
export { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/streams';
export { DEFAULT_ENTITY_CACHE_SETTINGS, type EntityCacheSettings } from './entity-cache/entity-cache';
