export { gridsSubgraph } from './subgraph';
