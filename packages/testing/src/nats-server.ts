import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PrivateNats {
  /** `127.0.0.1:<port>` */
  servers: string;
  port: number;
  /** A crash: SIGKILL, waits for the exit; `wipeStore` then deletes the JetStream store (a lost volume). */
  kill(opts?: { wipeStore?: boolean }): Promise<void>;
  /** Starts the server again on the same port, configuration and store directory. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function accepting(port: number, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A nats-server of the test's own (own port, own JetStream store directory,
 * the configuration the test gives), for what the shared server cannot show:
 * authorization and permissions, faults. `config` receives the store
 * directory; `listen` and `jetstream { store_dir }` are added here.
 */
export async function startPrivateNats(config: string): Promise<PrivateNats> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-nats-'));
  const port = await freePort();
  const file = path.join(dir, 'nats.conf');
  const store = path.join(dir, 'store');
  writeFileSync(file, `listen: 127.0.0.1:${port}\njetstream { store_dir: ${JSON.stringify(store)} }\n${config}`);
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    let output = '';
    const c = spawn(NATS_SERVER, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout!.on('data', (b) => (output += b));
    c.stderr!.on('data', (b) => (output += b));
    child = c;
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    try {
      await accepting(port, 10_000, () => output);
    } catch (e) {
      c.kill('SIGKILL');
      throw e;
    }
  };
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  try {
    await start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    servers: `127.0.0.1:${port}`,
    port,
    start,
    kill: async ({ wipeStore = false } = {}) => {
      if (running()) {
        child!.kill('SIGKILL');
        await exited;
      }
      if (wipeStore) rmSync(store, { recursive: true, force: true });
    },
    stop: async () => {
      if (running()) {
        child!.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (running()) child!.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
