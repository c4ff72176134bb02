export { notificationsSubgraph, notificationsSubgraph as subgraph } from './subgraph';
