// Bundles the GraphiQL page (browser/app.tsx with React, GraphiQL and its
// styles) and Monaco's three language workers into dist/graphiql/assets at
// build time, so the gateway serves every file itself (no CDN; issue 16).
// File names match assets.ts. Run by `npm run build` after tsc.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const gateway = path.resolve(here, '..', '..');
const outdir = path.join(gateway, 'dist', 'graphiql', 'assets');

// No stale hashed font from an earlier build is left to serve.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: gateway,
  entryPoints: {
    app: path.join(here, 'browser', 'app.tsx'),
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir,
  entryNames: '[name]',
  assetNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  // Classic scripts and classic workers: one file each, no chunks to resolve.
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Monaco's codicon font is a file next to app.css.
  loader: { '.ttf': 'file' },
  // Subscriptions over WebSocket are never configured (the gateway's live
  // updates are SSE): the toolkit's lazy import of graphql-ws stays unbundled.
  external: ['graphql-ws'],
  // The bundled packages' licence notices stay in the files served.
  legalComments: 'eof',
  logLevel: 'warning',
});
