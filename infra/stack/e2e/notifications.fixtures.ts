import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type ExecutionResult } from 'graphql-sse';
import { mintToken, readEventStream, type SseMessage } from '@linli/testing';
import type { Caller } from './harness';

export interface Received {
  eventId: string;
  signature: string;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1: records every POST, answers with the
 * status `answer()` gives (0 = never answer: a hanging receiver).
 */
export async function startReceiver(answer: () => number = () => 204) {
  const received: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer();
      received.push({ eventId: String(req.headers['x-linli-event-id']), signature: String(req.headers['x-linli-signature']), body: Buffer.concat(chunks).toString('utf8') });
      if (status === 0) hanging.push(res);
      else res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((r) => r.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const validSignature = (secret: string, r: Received) => r.signature === `sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`;

/** A subscription opened with graphql-sse's own client ("distinct connections" mode), collecting what arrives. */
export async function openStream(gatewayUrl: string, as: Caller, query: string, variables: Record<string, unknown> = {}) {
  const token = await mintToken({ sub: as.sub, roles: as.roles, orgs: as.orgs ?? [] });
  const client = createClient({ url: `${gatewayUrl}/stream`, singleConnection: false, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const results: ExecutionResult<any, any>[] = [];
  const errors: unknown[] = [];
  let completed = false;
  let connected!: () => void;
  const open = new Promise<void>((resolve) => (connected = resolve));
  const dispose = client.subscribe(
    { query, variables },
    { next: (r) => void results.push(r as ExecutionResult<any, any>), error: (e) => void errors.push(e), complete: () => void (completed = true) },
    { connected: () => connected() },
  );
  return {
    results,
    errors,
    get completed() {
      return completed;
    },
    /** Resolves once the gateway has the stream open (or it already ended with an answer). */
    open: Promise.race([open, new Promise<void>((resolve) => setTimeout(resolve, 5_000))]),
    close: () => {
      dispose();
      client.dispose();
    },
  };
}

/** A stream read at the SSE level (ids, comments, the end), for resumption and expiry. */
export async function rawStream(gatewayUrl: string, token: string, query: string, variables: Record<string, unknown> = {}, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${gatewayUrl}/stream`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  let ended = false;
  let comments = 0;
  void readEventStream(
    res.body,
    (m) => messages.push(m),
    () => comments++,
  ).then(() => {
    ended = true;
  });
  return {
    status: res.status,
    messages,
    get ended() {
      return ended;
    },
    /** Comment blocks received: the opening one, then heartbeats. */
    get comments() {
      return comments;
    },
    close: () => controller.abort(),
  };
}
