import { runSubgraphProcess } from '@linli/subgraph-kit';
import { loadEnv } from './env';
import { evaluationsSubgraph } from './subgraph';

void runSubgraphProcess(evaluationsSubgraph, loadEnv);
