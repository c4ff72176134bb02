import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createTestNats } from './nats';

describe('createTestNats (real NATS JetStream)', () => {
  it('names a private stream and subject space, and cleanup deletes its streams', async () => {
    const a = createTestNats('testing nats');
    const b = createTestNats('testing nats');
    expect(a.streamName).not.toBe(b.streamName);
    expect(a.subjectPrefix).not.toBe(b.subjectPrefix);
    expect(a.streamName).toMatch(/^T_TESTING_NATS_/);

    const nc = await connect({ servers: a.servers });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: a.streamName, subjects: [`${a.subjectPrefix}.events.>`] });
      await jsm.streams.add({ name: `${a.streamName}_DLQ`, subjects: [`${a.subjectPrefix}.dlq.>`] });
      await a.cleanup();
      const names: string[] = [];
      for await (const n of jsm.streams.names()) names.push(n);
      expect(names).not.toContain(a.streamName);
      expect(names).not.toContain(`${a.streamName}_DLQ`);
      await b.cleanup(); // nothing was created: still fine
    } finally {
      await nc.close();
    }
  });
});
