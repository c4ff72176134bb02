import path from 'node:path';
import { natsPasswordVariable, SERVICE_NAMES } from '@linli/platform';
import type { StackEnv } from './env';
import { serviceDatabaseUrl } from './stack';

const REPO = path.resolve(__dirname, '../../..');

export interface PlannedProcess {
  name: string;
  script: string;
  env: Record<string, string>;
  port: number;
}

/**
 * The processes of the distributed stack: each subgraph (and its replicas) on
 * `PORT + 1 + index + replica * 10`, each with its own database, then the
 * gateway on `PORT` pointed at the first replica of each subgraph. Shared by
 * `npm run start:distributed` and the benchmark.
 */
export function planDistributed(env: StackEnv): PlannedProcess[] {
  const natsPassword = (s: string) => (env as Record<string, unknown>)[natsPasswordVariable(s)] as string | undefined;
  const serviceToken: Record<string, string> = env.SUBGRAPH_SERVICE_TOKEN ? { SUBGRAPH_SERVICE_TOKEN: env.SUBGRAPH_SERVICE_TOKEN } : {};
  const natsUser = (s: string): Record<string, string> => {
    const password = natsPassword(s);
    return password ? { NATS_USER: s, NATS_PASSWORD: password } : {};
  };
  const replicas = new Map(env.REPLICAS.split(',').filter(Boolean).map((p) => [p.split(':')[0], Number(p.split(':')[1])] as const));
  const planned: PlannedProcess[] = [];
  const urls: Record<string, string> = {};
  SERVICE_NAMES.forEach((s, i) => {
    const count = Math.max(1, replicas.get(s) ?? 1);
    for (let r = 0; r < count; r++) {
      const port = env.PORT + 1 + i + r * 10;
      if (r === 0) urls[`SUBGRAPH_${s.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
      planned.push({
        name: count > 1 ? `${s}#${r}` : s,
        script: path.join(REPO, `services/${s}/dist/main.js`),
        port,
        env: {
          PORT: String(port),
          DATABASE_URL: serviceDatabaseUrl(env.DATABASE_URL, s),
          NATS_URL: env.NATS_URL,
          NATS_STREAM: env.NATS_STREAM,
          EVENT_SUBJECT_PREFIX: env.EVENT_SUBJECT_PREFIX,
          ...serviceToken,
          // Each service as its own NATS user when its password is given (NATS_PASSWORD_<SERVICE>).
          ...natsUser(s),
        },
      });
    }
  });
  planned.push({
    name: 'gateway',
    script: path.join(REPO, 'gateway/dist/main.js'),
    port: env.PORT,
    // The gateway tails the stream for live updates as its own reader user (NATS_PASSWORD_GATEWAY).
    env: { PORT: String(env.PORT), NATS_URL: env.NATS_URL, NATS_STREAM: env.NATS_STREAM, EVENT_SUBJECT_PREFIX: env.EVENT_SUBJECT_PREFIX, ...urls, ...serviceToken, ...natsUser('gateway') },
  });
  return planned;
}
