import { readFileSync } from 'node:fs';
import type { Logger } from '@linli/platform';
import type { EventTransport } from '@linli/events';
import type { GatewaySettings } from './env';
import { loadSafelist } from './operations';
import { createGateway, type RunningGateway } from './server';

/** Reads the supergraph file named by the settings; a missing file says how to make it. */
export function readSupergraph(supergraphPath: string): string {
  try {
    return readFileSync(supergraphPath, 'utf8');
  } catch (error) {
    throw new Error(`SUPERGRAPH_PATH: cannot read ${supergraphPath} (${(error as NodeJS.ErrnoException).code ?? error}); run npm run compose`);
  }
}

/** The gateway as configured by env.ts; `transport` feeds live updates (main.ts connects JetStream). */
export function startGateway(settings: GatewaySettings, logger: Logger, transport?: EventTransport): Promise<RunningGateway> {
  return createGateway({
    supergraphSdl: readSupergraph(settings.supergraphPath),
    subgraphUrls: settings.subgraphUrls,
    port: settings.port,
    host: settings.host,
    auth: settings.auth,
    logger,
    production: settings.production,
    fetchTimeoutMs: settings.fetchTimeoutMs,
    maxSocketsPerSubgraph: settings.maxSocketsPerSubgraph,
    limits: settings.limits,
    serviceToken: settings.serviceToken,
    corsOrigins: settings.corsOrigins,
    operations: { mode: settings.operations, safelist: loadSafelist(settings.persistedOperationsDir) },
    metricsExposure: settings.metrics,
    live: transport ? { transport, ...settings.live } : undefined,
    entityCache: settings.entityCache,
  });
}
