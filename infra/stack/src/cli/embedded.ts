import path from 'node:path';
import { ConfigError, authSettings, createLogger } from '@linli/platform';
import { loadStackEnv } from '../env';
import { startStack } from '../stack';

/** `npm start`: the embedded stack (SQLite files, in-process events), gateway on PORT. */
async function main() {
  const env = loadStackEnv();
  const logger = createLogger('linli', env.LOG_LEVEL);
  const dataDir = path.resolve(env.DATA_DIR);
  const stack = await startStack({
    databases: { driver: 'sqlite', dataDir },
    events: { kind: 'in-process' },
    port: env.PORT,
    subgraphBasePort: env.PORT,
    auth: authSettings(env, 'embedded'),
    logger,
    production: env.NODE_ENV === 'production',
  });
  console.log(`
Linli (embedded) is running.
  gateway:  http://localhost:${env.PORT}/graphql   (health: /health/ready)
  data:     ${dataDir}
A development token (bootstrap the district as a system admin first):
  npm run token -- --role SYSTEM_ADMIN --sub admin
  npm run token -- --role COMMUNITY_STAFF --org <communityId> --sub <personId>
Ctrl-C stops it.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
