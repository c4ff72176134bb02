import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * Where the next COMMIT is cut: `before` drops it (the server never sees it,
 * so the transaction aborts); `after` lets it reach the server and drops the
 * server's answer (the write is durable, the client sees a dead connection).
 */
export type CommitCut = 'before' | 'after';

export interface CommitCutter {
  /** A PostgreSQL URL that goes through the proxy (same database, user and options). */
  url: string;
  /** Cuts the connection that sends the next COMMIT, as `where` says; resolves once it was cut. */
  cutNextCommit(where: CommitCut): Promise<void>;
  close(): Promise<void>;
}

// A simple-protocol query message: 'Q', a 4-byte length, the SQL text. knex
// (under MikroORM) ends a transaction with the simple query `COMMIT;`.
const COMMIT = Buffer.from('COMMIT');
const isCommit = (chunk: Buffer): boolean => {
  const at = chunk.indexOf(COMMIT);
  return at >= 5 && chunk[at - 5] === 0x51; // 'Q'
};

/**
 * A TCP proxy in front of PostgreSQL that cuts a connection at its COMMIT,
 * the fault a database restart or `pg_terminate_backend` makes at the worst
 * moment: the COMMIT reached the server, its answer never reached the client.
 */
export async function startCommitCutter(databaseUrl: string): Promise<CommitCutter> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let armed: { where: CommitCut; done: () => void } | null = null;

  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let dropAnswers = false;
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (armed && isCommit(chunk)) {
        const { where, done } = armed;
        armed = null;
        if (where === 'before') {
          cut();
          done();
          return;
        }
        dropAnswers = true;
        // The server has the COMMIT once it answers; the answer is dropped and the line cut.
        upstream.once('data', () => {
          cut();
          done();
        });
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!dropAnswers) client.write(chunk);
    });
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        cut();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('commit cutter: no TCP address');
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);

  return {
    url: url.toString(),
    cutNextCommit: (where) => new Promise<void>((done) => (armed = { where, done })),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
