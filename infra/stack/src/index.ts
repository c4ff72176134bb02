export * from './stack';
export * from './processes';
export { loadStackEnv, type StackEnv } from './env';
export { SUBGRAPHS } from './subgraphs';
export { deploymentNatsAuthorization, NATS_AUTHORIZATION_FILE } from './nats-config';
