import { runSubgraphProcess } from '@linli/subgraph-kit';
import { loadEnv } from './env';
import { gridsSubgraph } from './subgraph';

void runSubgraphProcess(gridsSubgraph, loadEnv);
