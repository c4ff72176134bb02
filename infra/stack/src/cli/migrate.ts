import { ConfigError, createLogger } from '@linli/platform';
import { eventEntities } from '@linli/events';
import { openDatabase } from '@linli/subgraph-kit';
import { loadStackEnv } from '../env';
import { databaseFor } from '../stack';
import { SUBGRAPHS } from '../subgraphs';

/**
 * `npm run migrate`: creates each service's PostgreSQL database if needed and
 * applies its migrations (what every service also does at start, under the
 * same advisory lock), for operators who migrate before rolling out.
 */
async function main() {
  const env = loadStackEnv();
  const logger = createLogger('migrate', env.LOG_LEVEL);
  for (const def of SUBGRAPHS) {
    const target = databaseFor({ driver: 'postgresql', baseUrl: env.DATABASE_URL }, def.name);
    const orm = await openDatabase({ service: def.name, target, entities: [...def.entities, ...eventEntities], migrations: def.migrations, logger });
    const applied = await orm.getMigrator().getExecutedMigrations();
    console.log(`${def.name}: ${applied.length} migration(s) applied`);
    await orm.close(true);
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
