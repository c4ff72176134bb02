import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_SCHEMA_FILE, apiSchemaSdl, CompositionError, composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE } from '../compose';
import { buildManifests, loadContractOperations, manifestText } from '../manifests';
import { OPERATIONS_DIR } from '../operations';

// `npm run compose -w gateway`: services/*/schema.graphql → gateway/supergraph.graphql
// and gateway/api.graphql; the contract files → gateway/persisted-operations/<app>.json.
const show = (file: string) => path.relative(process.cwd(), file) || file;
try {
  const sources = readSubgraphSources();
  const supergraph = composeSupergraph(sources);
  writeFileSync(SUPERGRAPH_FILE, supergraph);
  writeFileSync(API_SCHEMA_FILE, apiSchemaSdl(supergraph));
  console.log(`Composed ${sources.map((s) => s.name).join(', ')} into ${show(SUPERGRAPH_FILE)} and ${show(API_SCHEMA_FILE)}`);
  mkdirSync(OPERATIONS_DIR, { recursive: true });
  for (const [app, manifest] of Object.entries(buildManifests(loadContractOperations()))) {
    writeFileSync(path.join(OPERATIONS_DIR, `${app}.json`), manifestText(manifest));
    console.log(`${show(path.join(OPERATIONS_DIR, `${app}.json`))}: ${manifest.operations.length} operations`);
  }
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
