import { SERVICES } from '@linli/platform';
import type { SubgraphDefinition } from '@linli/subgraph-kit';

/** A service workspace (`@linli/<name>`) exports its definition as `subgraph`. */
function load(name: string): SubgraphDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`@linli/${name}`) as { subgraph?: SubgraphDefinition };
  if (!mod.subgraph || mod.subgraph.name !== name) throw new Error(`@linli/${name} does not export its subgraph definition as \`subgraph\``);
  return mod.subgraph;
}

/** Every subgraph's definition, in the registry's order (and so its ports). */
export const SUBGRAPHS: readonly SubgraphDefinition[] = SERVICES.map((s) => load(s.name));
