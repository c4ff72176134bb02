import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { badInput } from '@linli/platform';

/** Addresses a webhook never reaches unless the deployment allows private targets. */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** True for private, loopback, link-local, shared, documentation, multicast and unspecified addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

export const MIN_SECRET = 32;
const MAX_SECRET = 256;
const MAX_URL = 2000;

/** The URL's form: https (http only where private targets are allowed), no credentials, at most 2,000 characters. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  if (typeof raw !== 'string' || !raw.trim() || raw.length > MAX_URL) throw badInput('url', `url must be 1–${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput('url', 'url is not a valid URL');
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw badInput('url', 'url must use https');
  if (url.username || url.password) throw badInput('url', 'url must not carry credentials');
  if (!url.hostname) throw badInput('url', 'url needs a host');
  return url;
}

export function checkSecret(secret: string): string {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET || secret.length > MAX_SECRET) {
    throw badInput('secret', `secret must be ${MIN_SECRET}–${MAX_SECRET} characters`);
  }
  return secret;
}

export function checkKinds(kinds: readonly string[]): string[] {
  if (!kinds.length) throw badInput('kinds', 'Name at least one kind');
  return [...new Set(kinds)];
}

/** Delay before attempt `attempts + 1`: exponential from `baseMs`, capped. */
export function retryDelayMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** `X-Linli-Signature`: `sha256=<hex HMAC-SHA256 of the exact body with the webhook's secret>`. */
export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
