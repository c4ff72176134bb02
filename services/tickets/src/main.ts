import { runSubgraphProcess } from '@linli/subgraph-kit';
import { loadEnv } from './env';
import { ticketsSubgraph } from './subgraph';

void runSubgraphProcess(ticketsSubgraph, loadEnv);
