export { ownersSubgraph, ownersSubgraph as subgraph } from './subgraph';
