import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_SCHEMA_FILE, apiSchemaSdl, CompositionError, composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE } from '../compose';
import { buildManifests, loadContractOperations, manifestText } from '../manifests';
import { describeChange, releasedApiSchema, unintendedBreakingChanges } from '../schema-check';
import { OPERATIONS_DIR } from '../operations';

// `npm run compose -w gateway`: services/*/schema.graphql → gateway/supergraph.graphql
// and gateway/api.graphql; the contract files → gateway/persisted-operations/<app>.json.
const show = (file: string) => path.relative(process.cwd(), file) || file;
async function main() {
  const sources = readSubgraphSources();
  const supergraph = composeSupergraph(sources);
  const api = apiSchemaSdl(supergraph);
  const released = releasedApiSchema();
  const breaking = released ? await unintendedBreakingChanges(released, api) : [];
  if (breaking.length) {
    // The supergraph is still written (the subgraphs are what they are); api.graphql stays the released one, so the check fails in CI.
    console.error(`Breaking changes to the API schema (deprecate instead, or list them in gateway/schema-changes.json):\n${breaking.map((c) => `  - ${describeChange(c)}`).join('\n')}`);
    process.exitCode = 1;
  }
  writeFileSync(SUPERGRAPH_FILE, supergraph);
  if (!breaking.length) writeFileSync(API_SCHEMA_FILE, api);
  console.log(`Composed ${sources.map((s) => s.name).join(', ')} into ${show(SUPERGRAPH_FILE)} and ${show(API_SCHEMA_FILE)}`);
  mkdirSync(OPERATIONS_DIR, { recursive: true });
  for (const [app, manifest] of Object.entries(buildManifests(loadContractOperations()))) {
    writeFileSync(path.join(OPERATIONS_DIR, `${app}.json`), manifestText(manifest));
    console.log(`${show(path.join(OPERATIONS_DIR, `${app}.json`))}: ${manifest.operations.length} operations`);
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
});
