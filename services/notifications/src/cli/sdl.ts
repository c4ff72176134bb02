import path from 'node:path';
import { writeSubgraphSdl } from '@linli/subgraph-kit';
import { notificationsSubgraph } from '../subgraph';

void writeSubgraphSdl(notificationsSubgraph, path.resolve(__dirname, '../../schema.graphql'));
