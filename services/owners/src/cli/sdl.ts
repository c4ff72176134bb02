import path from 'node:path';
import { writeSubgraphSdl } from '@linli/subgraph-kit';
import { ownersSubgraph } from '../subgraph';

void writeSubgraphSdl(ownersSubgraph, path.resolve(__dirname, '../../schema.graphql'));
