import { ConfigError, createLogger, startTracing, type EVENT_READERS } from '@linli/platform';
import { inboxPrefixFor, NatsTransport } from '@linli/events';
import { loadSettings } from './env';
import type { RunningGateway } from './server';
import { startGateway } from './start';

// Process entry: `node gateway/dist/main.js`.
async function main() {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger('gateway', settings.logLevel);
  // Off (no provider, no cost) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = startTracing(settings.tracing);

  // Installed before start-up, so a signal during start-up still shuts down cleanly.
  const state: { gateway?: Promise<RunningGateway>; transport?: Promise<NatsTransport> } = {};
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    Promise.resolve(state.gateway)
      .then((g) => g?.close())
      .then(() => state.transport?.then((t) => t.close()))
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Live updates read the same JetStream stream as the subgraphs (an ordered consumer of this process's own),
  // as the gateway's own NATS user, which may read the stream and nothing else.
  const reader: (typeof EVENT_READERS)[number] = 'gateway';
  state.transport = NatsTransport.connect({ ...settings.events, logger, connectionName: reader, inboxPrefix: inboxPrefixFor(reader), readOnly: true });
  state.gateway = state.transport.then((transport) => startGateway(settings, logger, transport));
  const { url } = await state.gateway;
  logger.info({ url }, `gateway listening on ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
