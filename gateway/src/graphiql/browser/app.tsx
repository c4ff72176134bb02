import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './page.css';
import { WORKER_FILES } from '../assets';

/**
 * GraphiQL as the gateway serves it in development (issue 16): bundled at
 * build time (bundle.mjs), every file from the gateway's own origin.
 */

// Monaco starts its language workers from the gateway's files, never from a
// CDN or a blob: URL (the page's Content-Security-Policy allows neither).
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    const file = label === 'json' || label === 'graphql' ? WORKER_FILES[label] : WORKER_FILES.editor;
    return new Worker(new URL(file, document.baseURI));
  },
};

// The page is served at the GraphQL endpoint itself. The fetcher POSTs JSON
// (`content-type: application/json`), which Apollo's CSRF prevention accepts.
const fetcher = createGraphiQLFetcher({
  url: window.location.pathname,
  headers: { 'apollographql-client-name': 'graphiql', 'apollographql-client-version': 'development' },
});

// Every operation needs a token: the headers editor starts open with its shape.
const defaultHeaders = JSON.stringify({ authorization: 'Bearer <token from npm run token>' }, null, 2);
const defaultQuery = `# Put your token into Headers below (npm run token prints one), then press
# Ctrl+Shift+R (or the refresh button on the left) to load the schema for completion and docs.
{
  __typename
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultHeaders={defaultHeaders} defaultQuery={defaultQuery} defaultEditorToolsVisibility="headers" />,
);
