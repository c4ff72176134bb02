import { createLogger } from '@linli/platform';
import { eventEntities } from '@linli/events';
import { openDatabase } from '@linli/subgraph-kit';
import { loadEnv } from '../env';
import { evaluationsSubgraph } from '../subgraph';
import { rebuildReadModels } from '../replay/rebuild';

/**
 * `node dist/cli/rebuild.js [--allow-partial]` (distributed mode; the same
 * settings as the service): empties the evaluations read models and replays
 * the event stream into them. Stop every evaluations replica first.
 */
async function main() {
  const env = loadEnv();
  const logger = createLogger('evaluations', env.LOG_LEVEL);
  if (!env.DATABASE_URL) {
    console.error('rebuild needs DATABASE_URL and NATS: embedded mode keeps no event stream to replay');
    process.exit(1);
  }
  const orm = await openDatabase({
    service: evaluationsSubgraph.name,
    target: { driver: 'postgresql', url: env.DATABASE_URL },
    entities: [...evaluationsSubgraph.entities, ...eventEntities],
    migrations: evaluationsSubgraph.migrations,
    logger,
  });
  try {
    const result = await rebuildReadModels({ orm, servers: env.NATS_URL, streamName: env.NATS_STREAM, logger, allowPartial: process.argv.includes('--allow-partial') });
    console.log(`rebuilt from stream ${env.NATS_STREAM}: ${result.read} messages read (sequences ${result.firstSeq}–${result.lastSeq}), ${result.applied} events applied`);
  } finally {
    await orm.close(true);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
