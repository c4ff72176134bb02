import { SERVICES, subgraphUrlVariable } from '@linli/platform';

/**
 * The subgraphs of the supergraph, in composition order, from the one service
 * registry (@linli/platform SERVICES). Embedded mode serves them on
 * 127.0.0.1 at their registry ports; distributed mode overrides each URL
 * through its environment variable (env.ts).
 */
export const SUBGRAPHS = SERVICES.map((s) => ({
  name: s.name,
  urlVariable: subgraphUrlVariable(s.name),
  defaultUrl: `http://127.0.0.1:${s.port}/graphql`,
}));

export type SubgraphName = (typeof SERVICES)[number]['name'];
