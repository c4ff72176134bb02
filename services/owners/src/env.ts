import { parseEnv } from '@linli/platform';
import { subgraphEnvSchema } from '@linli/subgraph-kit';

/** The only reader of process.env in this service. */
export const loadEnv = () => parseEnv(subgraphEnvSchema(4005), process.env);
