import { runSubgraphProcess } from '@linli/subgraph-kit';
import { loadEnv } from './env';
import { notificationsSubgraph } from './subgraph';

void runSubgraphProcess(notificationsSubgraph, loadEnv);
