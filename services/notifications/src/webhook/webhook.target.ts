import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './webhook.rules';

export class TargetNotAllowed extends Error {}

/**
 * Resolves a webhook's host and checks every address it resolves to; the
 * POST then connects to the checked address only (pinned), so a name that
 * resolves to a public address at check time and to 127.0.0.1 a moment later
 * (DNS rebinding) never reaches the intranet.
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true }).catch(() => []);
  if (!addresses.length) throw new TargetNotAllowed(`${host} does not resolve`);
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) throw new TargetNotAllowed(`${host} resolves to a private address`);
  return addresses[0];
}

export interface PostResult {
  status: number | null;
  error: string | null;
}

/**
 * POSTs `body` to the pinned address with a deadline over the whole exchange
 * (connect, headers, body): a receiver that hangs costs one timeout, never a
 * stuck worker. Redirects are not followed.
 */
export function postPinned(url: URL, pinned: { address: string; family: number }, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  const pin: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'linli-webhooks/1', ...headers },
        lookup: pin,
        agent: false,
      },
      (res) => {
        // The answer's body is not needed: read and drop it, then settle.
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? null, error: null }));
        res.on('error', () => done({ status: res.statusCode ?? null, error: null }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: null, error: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (err) => done({ status: null, error: err.message.slice(0, 200) }));
    req.end(body);
  });
}
