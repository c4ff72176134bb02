import path from 'node:path';
import { writeSubgraphSdl } from '@linli/subgraph-kit';
import { gridsSubgraph } from '../subgraph';

void writeSubgraphSdl(gridsSubgraph, path.resolve(__dirname, '../../schema.graphql'));
