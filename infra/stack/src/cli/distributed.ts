import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ConfigError, authSettings } from '@linli/platform';
import { loadStackEnv } from '../env';
import { planDistributed } from '../processes';

/**
 * `npm run start:distributed`: every subgraph (and its replicas) and the
 * gateway as separate processes, on PostgreSQL (one database per service,
 * created and migrated at start) and NATS JetStream (stream and durable
 * consumers created by the services). Replicas of a service share its durable
 * consumer and its database.
 */
function main() {
  const env = loadStackEnv();
  // Checked here too, so the operator gets one clear message instead of every child failing on its own.
  authSettings(env, 'distributed');
  // The gateway's credential towards the subgraphs (`_service`), fresh per run unless given.
  env.SUBGRAPH_SERVICE_TOKEN ??= randomBytes(32).toString('hex');
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
    process.exit(code);
  };
  for (const p of planDistributed(env)) {
    const child = spawn(process.execPath, [p.script], { env: { ...process.env, ...p.env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${p.name} exited (${signal ?? code}); stopping the stack`);
        void stop(1);
      }
    });
    children.push(child);
  }
  console.log(`Linli (distributed): gateway on http://localhost:${env.PORT}/graphql; Ctrl-C stops every process.`);
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

try {
  main();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  const hint = /AUTH_/.test(e.message) ? '\nThe distributed stack needs its own token secret, e.g. AUTH_JWT_SECRET=$(openssl rand -hex 32) npm run start:distributed' : '';
  console.error(`${e.message}${hint}`);
  process.exit(1);
}
