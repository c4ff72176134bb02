export { evaluationsSubgraph, evaluationsSubgraph as subgraph } from './subgraph';
