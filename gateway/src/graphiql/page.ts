import { access, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from '@linli/platform';
import { ASSET_PATH, PAGE_FILES } from './assets';

/** Where `bundle.mjs` writes the page's files (the same from src/ under jest and from dist/). */
export const GRAPHIQL_ASSETS_DIR = path.resolve(__dirname, '..', '..', 'dist', 'graphiql', 'assets');

/**
 * Nothing but the gateway's own origin: scripts, workers, fetches, fonts and
 * images come from it (fonts and the favicon may be inline data), and no
 * other site may frame the page. Inline styles stay allowed: Monaco and React
 * set element styles at run time. No inline script and no eval.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Linli GraphiQL (development)</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${PAGE_FILES.style}" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${PAGE_FILES.script}"></script>
  </body>
</html>
`;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

/**
 * True when an `Accept` header ranks text/html above JSON, as a browser's
 * navigation does; a GraphQL client asking for JSON (or giving both the same
 * rank) gets GraphQL. The same rule as Apollo Server's landing page.
 */
export function prefersHtml(accept: string | undefined): boolean {
  let html = 0;
  let json = 0;
  for (const range of (accept ?? '').toLowerCase().split(',')) {
    const [type, ...params] = range.split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html') html = Math.max(html, q);
    if (type === 'application/json' || type === 'application/graphql-response+json') json = Math.max(json, q);
  }
  return html > 0 && html > json;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** The name of a file under ASSET_PATH, or null: one plain name, no directories. */
function assetName(pathname: string): string | null {
  if (!pathname.startsWith(ASSET_PATH)) return null;
  const name = pathname.slice(ASSET_PATH.length);
  return /^[\w.-]+$/.test(name) && !name.startsWith('.') && CONTENT_TYPES[path.extname(name)] ? name : null;
}

/**
 * GraphiQL in front of the gateway's handler (development only; server.ts
 * decides): `GET /graphql` from a browser (`Accept: text/html`) gets the page,
 * `GET /graphql/graphiql/<file>` its bundled files; everything else, GraphQL
 * GETs included, goes on to `next`. The page sends its operations as JSON
 * POSTs to `/graphql`, through the same token check, limits and CSRF
 * prevention as any app.
 */
export function withGraphiQL(next: Handler, logger: Logger, assetsDir: string = GRAPHIQL_ASSETS_DIR): Handler {
  const security = {
    'content-security-policy': GRAPHIQL_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // A development build changes under the same names: the browser revalidates.
    'cache-control': 'no-cache',
  };
  const plain = { 'content-type': 'text/plain; charset=utf-8' };
  const script = path.join(assetsDir, path.basename(PAGE_FILES.script));

  async function page(res: ServerResponse): Promise<void> {
    if (await access(script).then(() => true, () => false)) return send(res, 200, { ...security, 'content-type': 'text/html; charset=utf-8' }, PAGE);
    const hint = 'GraphiQL is not built: run npm run build -w gateway';
    logger.warn({ assetsDir }, hint);
    send(res, 503, plain, hint);
  }

  async function file(res: ServerResponse, name: string): Promise<void> {
    const body = await readFile(path.join(assetsDir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!body) return send(res, 404, plain, 'not found');
    send(res, 200, { ...security, 'content-type': CONTENT_TYPES[path.extname(name)] }, body);
  }

  return (req, res) => {
    if (req.method !== 'GET') return next(req, res);
    const pathname = (req.url ?? '/').split('?')[0];
    const name = assetName(pathname);
    const isPage = pathname === '/graphql' && prefersHtml(req.headers.accept);
    if (!isPage && !name) return next(req, res);
    (isPage ? page(res) : file(res, name!)).catch((err: unknown) => {
      logger.error({ err, path: pathname }, 'GraphiQL not served');
      if (!res.headersSent) send(res, 500, plain, 'internal server error');
    });
  };
}
