import { parentPort, workerData } from 'node:worker_threads';
import type { EventEnvelope } from '@linli/events';
import { SUBGRAPHS } from '@linli/stack';
import { consume } from './consume';
import { openService } from './open';

// One consuming service in its own thread (`ConsumerThread`): it opens the
// service's database and applies each batch it is sent through the service's
// own handler map and batch handlers, one transaction a batch, in the order sent.

export interface ConsumeRequest {
  id: number;
  events: EventEnvelope[];
}
export type ConsumeReply = { ready: true } | { id: number; error?: string };

const { service, baseUrl } = workerData as { service: string; baseUrl: string };
const port = parentPort!;

// A failure to open the database rejects here, which ends the thread with an error ConsumerThread.start reports.
void (async () => {
  const def = SUBGRAPHS.find((s) => s.name === service)!;
  const orm = await openService(baseUrl, service);
  const handlers = { handlers: def.consumers!, batches: def.batchConsumers };
  // One batch at a time: a batch's events must see the ones before them committed.
  let queue = Promise.resolve();
  port.on('message', (m: ConsumeRequest | 'close') => {
    if (m === 'close') {
      queue = queue.then(() => orm.close()).then(() => port.close());
      return;
    }
    queue = queue.then(() =>
      consume(orm, handlers, m.events).then(
        () => port.postMessage({ id: m.id } satisfies ConsumeReply),
        (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ConsumeReply),
      ),
    );
  });
  port.postMessage({ ready: true } satisfies ConsumeReply);
})();
