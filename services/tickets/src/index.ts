export { ticketsSubgraph } from './subgraph';
