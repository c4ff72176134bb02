import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, authSettings, createLogger, metricsExposure, queryLimitsFromEnv, startTracing, tracingSettings, type TokenSettings } from '@linli/platform';
import { inboxPrefixFor, NatsTransport, type NatsCredentials } from '@linli/events';
import { databaseTarget } from '../db/orm';
import { natsCredentials, type SubgraphEnv } from './env';
import { printSubgraphSdl, startSubgraph, type SubgraphDefinition } from './subgraph';

/**
 * The whole `main.ts` of a subgraph process in distributed mode: validated
 * settings, NATS JetStream, the service's own database, graceful shutdown.
 */
export async function runSubgraphProcess(def: SubgraphDefinition, loadEnv: () => SubgraphEnv): Promise<void> {
  let env: SubgraphEnv;
  let auth: TokenSettings;
  let credentials: NatsCredentials | undefined;
  try {
    env = loadEnv();
    // A subgraph process is never embedded mode: no development secret here.
    auth = authSettings(env, 'distributed');
    credentials = natsCredentials(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[${def.name}] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(def.name, env.LOG_LEVEL);
  // Before anything opens a span; off (no provider, no cost) without OTEL_EXPORTER_OTLP_ENDPOINT.
  const tracing = startTracing(tracingSettings(env, def.name));
  const transport = await NatsTransport.connect({
    servers: env.NATS_URL,
    streamName: env.NATS_STREAM,
    streamReplicas: env.NATS_STREAM_REPLICAS,
    subjectPrefix: env.EVENT_SUBJECT_PREFIX,
    logger,
    credentials,
    inboxPrefix: inboxPrefixFor(def.name),
    connectionName: def.name,
  });
  const running = await startSubgraph(def, {
    port: env.PORT,
    host: env.HOST,
    database: databaseTarget(def.name, env.DATABASE_URL, env.DATA_DIR),
    transport,
    subjectPrefix: env.EVENT_SUBJECT_PREFIX,
    auth,
    logger,
    production: env.NODE_ENV === 'production',
    limits: queryLimitsFromEnv(env),
    serviceToken: env.SUBGRAPH_SERVICE_TOKEN,
    files: env.OBJECT_STORE_URL
      ? { kind: 's3', url: env.OBJECT_STORE_URL }
      : { kind: 'directory', dir: path.resolve(env.DATA_DIR, 'files'), publicUrl: env.FILES_PUBLIC_URL },
    metricsExposure: metricsExposure(env),
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
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
    await tracing?.shutdown();
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
