import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompositionError, composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE } from '../compose';

// `npm run compose -w gateway`: services/*/schema.graphql → gateway/supergraph.graphql.
try {
  const sources = readSubgraphSources();
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph(sources));
  console.log(`Composed ${sources.map((s) => s.name).join(', ')} into ${path.relative(process.cwd(), SUPERGRAPH_FILE) || SUPERGRAPH_FILE}`);
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
