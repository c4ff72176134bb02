import { runSubgraphProcess } from '@linli/subgraph-kit';
import { loadEnv } from './env';
import { organisationsSubgraph } from './subgraph';

void runSubgraphProcess(organisationsSubgraph, loadEnv);
