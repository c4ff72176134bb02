import type { Logger } from '@linli/platform';
import { InProcessTransport } from './in-process.transport';
import { NatsTransport, type NatsTransportOptions } from './nats.transport';
import type { EventTransport } from './transport';

export type TransportConfig =
  | ({ mode: 'nats' } & NatsTransportOptions)
  | {
      mode: 'in-process';
      logger: Logger;
      subjectPrefix?: string;
      duplicateWindowMs?: number;
      /** Embedded mode: the one instance every service of the process shares. */
      shared?: InProcessTransport;
    };

/**
 * Picks the transport for the deployment mode; services only see
 * `EventTransport`, so their code is the same in both modes.
 */
export async function connectTransport(config: TransportConfig): Promise<EventTransport> {
  if (config.mode === 'nats') return NatsTransport.connect(config);
  return config.shared ?? new InProcessTransport(config);
}
