import path from 'node:path';
import { writeSubgraphSdl } from '@linli/subgraph-kit';
import { evaluationsSubgraph } from '../subgraph';

void writeSubgraphSdl(evaluationsSubgraph, path.resolve(__dirname, '../../schema.graphql'));
