import path from 'node:path';
import { writeSubgraphSdl } from '@linli/subgraph-kit';
import { ticketsSubgraph } from '../subgraph';

void writeSubgraphSdl(ticketsSubgraph, path.resolve(__dirname, '../../schema.graphql'));
