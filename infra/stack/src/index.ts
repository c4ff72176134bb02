export * from './stack';
export { SUBGRAPHS } from './subgraphs';
