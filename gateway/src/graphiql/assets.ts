/**
 * The files of the GraphiQL page, as the server serves them and the page
 * loads them. They live under the endpoint's own path, so whatever routes
 * `/graphql` to the gateway routes them too. `bundle.mjs` writes them under
 * the same names.
 */
export const ASSET_PATH = '/graphql/graphiql/';

export const PAGE_FILES = { script: `${ASSET_PATH}app.js`, style: `${ASSET_PATH}app.css` } as const;

/** Monaco's language workers, one file each (started by the page, never from a blob: URL). */
export const WORKER_FILES = {
  editor: `${ASSET_PATH}editor.worker.js`,
  json: `${ASSET_PATH}json.worker.js`,
  graphql: `${ASSET_PATH}graphql.worker.js`,
} as const;
