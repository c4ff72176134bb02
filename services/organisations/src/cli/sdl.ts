import path from 'node:path';
import { writeSubgraphSdl } from '@linli/subgraph-kit';
import { organisationsSubgraph } from '../subgraph';

void writeSubgraphSdl(organisationsSubgraph, path.resolve(__dirname, '../../schema.graphql'));
