export { organisationsSubgraph } from './subgraph';
