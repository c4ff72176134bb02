import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError } from '@linli/platform';
import { loadStackEnv } from '../env';
import { serviceDatabaseUrl } from '../stack';

/**
 * `npm run start:distributed`: every subgraph (and its replicas) and the
 * gateway as separate processes, on PostgreSQL (one database per service,
 * created and migrated at start) and NATS JetStream (stream and durable
 * consumers created by the services). Replicas of a service share its durable
 * consumer and its database.
 */
const SERVICES = ['organisations', 'grids', 'tickets', 'evaluations'] as const;
const repo = path.resolve(__dirname, '../../../..');

function main() {
  const env = loadStackEnv();
  const replicas = new Map(env.REPLICAS.split(',').filter(Boolean).map((p) => [p.split(':')[0], Number(p.split(':')[1])] as const));
  const children: ChildProcess[] = [];
  const start = (name: string, script: string, extra: Record<string, string>) => {
    const child = spawn(process.execPath, [path.join(repo, script)], { env: { ...process.env, ...extra }, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${name} exited (${signal ?? code}); stopping the stack`);
        void stop(1);
      }
    });
    children.push(child);
  };
  const urls: Record<string, string> = {};
  SERVICES.forEach((s, i) => {
    const count = Math.max(1, replicas.get(s) ?? 1);
    for (let r = 0; r < count; r++) {
      const port = env.PORT + 1 + i + r * 10;
      if (r === 0) urls[`SUBGRAPH_${s.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
      start(`${s}#${r}`, `services/${s}/dist/main.js`, {
        PORT: String(port),
        DATABASE_URL: serviceDatabaseUrl(env.DATABASE_URL, s),
        NATS_URL: env.NATS_URL,
        NATS_STREAM: env.NATS_STREAM,
        EVENT_SUBJECT_PREFIX: env.EVENT_SUBJECT_PREFIX,
      });
    }
  });
  start('gateway', 'gateway/dist/main.js', { PORT: String(env.PORT), ...urls });
  console.log(`Linli (distributed): gateway on http://localhost:${env.PORT}/graphql; Ctrl-C stops every process.`);

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

try {
  main();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
