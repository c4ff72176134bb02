import type { SubgraphDefinition } from '@linli/subgraph-kit';
import { organisationsSubgraph } from '@linli/organisations';
import { gridsSubgraph } from '@linli/grids';
import { ticketsSubgraph } from '@linli/tickets';
import { evaluationsSubgraph } from '@linli/evaluations';

/** The four subgraphs, in the order of their default ports (4001…4004). */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [organisationsSubgraph, gridsSubgraph, ticketsSubgraph, evaluationsSubgraph];
