import { runSubgraphProcess } from '@linli/subgraph-kit';
import { loadEnv } from './env';
import { ownersSubgraph } from './subgraph';

void runSubgraphProcess(ownersSubgraph, loadEnv);
