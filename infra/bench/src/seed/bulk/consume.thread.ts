import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventEnvelope } from '@linli/events';
import type { ConsumeReply, ConsumeRequest } from './consume.worker';

/** The compiled worker (tests run this file from src through ts-jest; the worker runs as built). */
const WORKER = __filename.endsWith('.ts') ? path.resolve(__dirname, '../../../dist/seed/bulk/consume.worker.js') : path.join(__dirname, 'consume.worker.js');

/**
 * A consuming service's handlers in a worker thread (`consume.worker.ts`):
 * the services write separate databases, so their batches run side by side
 * on the machine's cores while the seed's own thread makes the next batch.
 */
export class ConsumerThread {
  private next = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private failed: Error | null = null;

  private constructor(
    readonly service: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (m: ConsumeReply) => {
      if ('ready' in m) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${service}: ${m.error}`));
      else p?.resolve();
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`${service}'s consumer thread exited (${code})`)));
  }

  /** Starts the thread and resolves once the service's database is open. */
  static start(service: string, baseUrl: string): Promise<ConsumerThread> {
    const worker = new Worker(WORKER, { workerData: { service, baseUrl } });
    return new Promise((resolve, reject) => {
      const onReady = (m: ConsumeReply) => {
        if (!('ready' in m)) return;
        worker.off('message', onReady);
        worker.off('error', reject);
        resolve(new ConsumerThread(service, worker));
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
  }

  /** Applies a batch in one transaction, after the batches sent before it; rejects with the handler's error. */
  consume(events: readonly EventEnvelope[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, events: events as EventEnvelope[] } satisfies ConsumeRequest);
    });
  }

  /** Closes the service's database after the batches sent, then the thread. */
  async close(): Promise<void> {
    if (this.failed) {
      await this.worker.terminate();
      return;
    }
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.failed = new Error(`${this.service}'s consumer thread is closed`);
    this.worker.postMessage('close');
    await exited;
  }
}
