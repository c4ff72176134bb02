/**
 * The four subgraphs of the supergraph, in composition order. Embedded mode
 * serves them on 127.0.0.1:4001–4004; distributed mode overrides each URL
 * through its environment variable (env.ts).
 */
export const SUBGRAPHS = [
  { name: 'organisations', urlVariable: 'SUBGRAPH_ORGANISATIONS_URL', defaultUrl: 'http://127.0.0.1:4001/graphql' },
  { name: 'grids', urlVariable: 'SUBGRAPH_GRIDS_URL', defaultUrl: 'http://127.0.0.1:4002/graphql' },
  { name: 'tickets', urlVariable: 'SUBGRAPH_TICKETS_URL', defaultUrl: 'http://127.0.0.1:4003/graphql' },
  { name: 'evaluations', urlVariable: 'SUBGRAPH_EVALUATIONS_URL', defaultUrl: 'http://127.0.0.1:4004/graphql' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
