import { writeFileSync } from 'node:fs';
import { ConfigError, authSettings, createLogger } from '@linli/platform';
import { NatsTransport } from '@linli/events';
import { databaseTarget } from '../db/orm';
import type { SubgraphEnv } from './env';
import { printSubgraphSdl, startSubgraph, type SubgraphDefinition } from './subgraph';

/**
 * The whole `main.ts` of a subgraph process in distributed mode: validated
 * settings, NATS JetStream, the service's own database, graceful shutdown.
 */
export async function runSubgraphProcess(def: SubgraphDefinition, loadEnv: () => SubgraphEnv): Promise<void> {
  let env: SubgraphEnv;
  try {
    env = loadEnv();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[${def.name}] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(def.name, env.LOG_LEVEL);
  const transport = await NatsTransport.connect({
    servers: env.NATS_URL,
    streamName: env.NATS_STREAM,
    subjectPrefix: env.EVENT_SUBJECT_PREFIX,
    logger,
  });
  const running = await startSubgraph(def, {
    port: env.PORT,
    host: env.HOST,
    database: databaseTarget(def.name, env.DATABASE_URL, env.DATA_DIR),
    transport,
    subjectPrefix: env.EVENT_SUBJECT_PREFIX,
    auth: authSettings(env),
    logger,
    production: env.NODE_ENV === 'production',
    housekeeping: {
      outboxRetentionMs: env.OUTBOX_RETENTION_HOURS * 3_600_000,
      processedRetentionMs: env.PROCESSED_EVENT_RETENTION_HOURS * 3_600_000,
      intervalMs: env.HOUSEKEEPING_INTERVAL_MS,
    },
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await running.close();
    await transport.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `npm run sdl`: writes the subgraph's SDL for composition (committed, checked for staleness by a test). */
export async function writeSubgraphSdl(def: SubgraphDefinition, file: string): Promise<void> {
  writeFileSync(file, await printSubgraphSdl(def));
  console.log(`wrote ${file}`);
}
