export { evaluationsSubgraph } from './subgraph';
