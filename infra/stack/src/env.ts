import { z } from 'zod';
import { baseEnvSchema, EVENT_READERS, natsPasswordVariable, parseEnv, port, SERVICE_NAMES } from '@linli/platform';

/** Settings of the launchers (the only reader of process.env here). */
export const loadStackEnv = () =>
  parseEnv(
    baseEnvSchema.extend({
      PORT: port(4000),
      DATA_DIR: z.string().default('.data'),
      DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').default('postgres://postgres@127.0.0.1:5432/linli'),
      NATS_URL: z.string().default('127.0.0.1:4222'),
      NATS_STREAM: z.string().default('LINLI'),
      EVENT_SUBJECT_PREFIX: z.string().default('linli'),
      /** Extra replicas of a service in distributed mode, e.g. `tickets:2,evaluations:2`. */
      REPLICAS: z.string().regex(/^(\w+:\d+)?(,\w+:\d+)*$/, 'must look like tickets:2,evaluations:2').default(''),
      /** The gateway's credential towards the subgraphs; the distributed launcher makes one per run when unset. */
      SUBGRAPH_SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
      /** Each service's and the gateway's NATS password (infra/nats/authorization.conf): its processes connect as user <service> (or gateway). */
      ...Object.fromEntries([...SERVICE_NAMES, ...EVENT_READERS].map((s) => [natsPasswordVariable(s), z.string().min(1).optional()])),
    }),
    process.env,
  );
export type StackEnv = ReturnType<typeof loadStackEnv>;
