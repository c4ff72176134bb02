export { gridsSubgraph, gridsSubgraph as subgraph } from './subgraph';
