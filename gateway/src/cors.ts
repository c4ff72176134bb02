import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Request headers a browser app may send cross-origin: the token, JSON, the
 * app's name and version (safelist and metrics), Apollo's CSRF header, and
 * the request id and trace context it may want to carry.
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'idempotency-key',
  'traceparent',
  'tracestate',
] as const;

/** Response headers a browser app may read: the request id it quotes in a support call. */
const EXPOSED_HEADERS = ['x-request-id'];
/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** True for `scheme://host[:port]` exactly (what a browser sends as `Origin`). */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * CORS for the allowlisted origins only. Credentials stay off (no cookies:
 * the token travels in `Authorization`), so `Access-Control-Allow-Origin` is
 * the caller's exact origin, never `*` with credentials. A preflight from an
 * unlisted origin gets 204 without CORS headers, so the browser blocks the
 * call; non-browser callers send no `Origin` and are unaffected. Apollo's CSRF
 * prevention still runs behind this: a "simple" cross-site request (form
 * post, `text/plain`) carries no JSON content type or preflight header and is
 * refused with 400 before any operation runs.
 */
export function withCors(handler: Handler, allowedOrigins: readonly string[]): Handler {
  const allowed = new Set(allowedOrigins);
  return (req, res) => {
    const origin = req.headers.origin;
    const listed = typeof origin === 'string' && allowed.has(origin);
    // Caches must key answers by Origin: the same URL answers differently per origin.
    res.setHeader('vary', 'Origin');
    if (listed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
    }
    if (req.method === 'OPTIONS') {
      if (listed) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '));
        res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
      }
      res.writeHead(204, { 'content-length': '0' });
      res.end();
      return;
    }
    handler(req, res);
  };
}
