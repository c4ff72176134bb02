import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { uniqueName } from './names';

export interface TestNats {
  /** NATS server URL(s) for `NatsTransport.connect`. */
  servers: string;
  /** A stream name no other test file uses. */
  streamName: string;
  /** A subject prefix no other test file uses (stream subjects must not overlap). */
  subjectPrefix: string;
  /** Deletes the stream and its dead-letter stream (`<streamName>_DLQ`, the events package's convention). */
  cleanup(): Promise<void>;
}

/**
 * Names a private JetStream stream and subject space for one test file. The
 * code under test creates the streams (setup is idempotent code, not a
 * fixture); `cleanup()` removes whatever of them exists. `servers`: another
 * server than the shared one (a private nats-server of a fault test).
 */
export function createTestNats(label: string, servers = process.env.TEST_NATS_URL ?? '127.0.0.1:4222'): TestNats {
  const base = uniqueName('t', label, 48);
  const streamName = base.toUpperCase();
  const subjectPrefix = base;
  return {
    servers,
    streamName,
    subjectPrefix,
    cleanup: async () => {
      let nc;
      try {
        nc = await connect({ servers, timeout: 5_000 });
      } catch (err) {
        throw new Error(`NATS is unreachable at ${servers} (${(err as Error).message}). Start nats-server -js or set TEST_NATS_URL.`, {
          cause: err,
        });
      }
      try {
        const jsm = await jetstreamManager(nc);
        for (const name of [streamName, `${streamName}_DLQ`]) {
          // Absent when the test failed before creating it: nothing to clean.
          await jsm.streams.delete(name).catch(() => false);
        }
      } finally {
        await nc.close();
      }
    },
  };
}
