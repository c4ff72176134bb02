import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse, print } from 'graphql';
import type { Logger } from '@linli/platform';

/**
 * Persisted operations: the documents each front-end app may send, in
 * Apollo's persisted query manifest format, written at `npm run compose` from
 * the contract files (manifests.ts) and committed under
 * gateway/persisted-operations/. A client sends an operation by id
 * (`extensions.persistedQuery.sha256Hash`, no `query`) or by its full text.
 */
export const OPERATIONS_DIR = path.resolve(__dirname, '..', 'persisted-operations');

/** safelist (production): only listed documents run. open (development): anything runs; unlisted ones are logged. */
export type OperationsMode = 'safelist' | 'open';

export interface PersistedOperation {
  /** sha256 (hex) of `body`: the APQ hash a client sends. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every listed document, by id, with the apps whose manifest lists it. */
export class Safelist {
  private readonly byId = new Map<string, PersistedOperation & { apps: string[] }>();

  constructor(manifests: Readonly<Record<string, PersistedQueryManifest>>) {
    for (const [app, manifest] of Object.entries(manifests)) {
      if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
        throw new Error(`persisted operations of ${app}: not an apollo-persisted-query-manifest version 1`);
      }
      for (const op of manifest.operations) {
        if (sha256(op.body) !== op.id) throw new Error(`persisted operations of ${app}: ${op.name} has an id that is not the sha256 of its body`);
        const known = this.byId.get(op.id);
        if (known) known.apps.push(app);
        else this.byId.set(op.id, { ...op, apps: [app] });
      }
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): (PersistedOperation & { apps: readonly string[] }) | undefined {
    return this.byId.get(id);
  }

  /** The names of the listed operations. */
  names(): string[] {
    return [...new Set([...this.byId.values()].map((o) => o.name))];
  }

  /** The names of the apps with a manifest: the only values of the `client` metric label. */
  apps(): Set<string> {
    return new Set([...this.byId.values()].flatMap((o) => o.apps));
  }
}

/** Reads every `<app>.json` of the directory (none yet: an empty safelist, which refuses everything). */
export function loadSafelist(dir = OPERATIONS_DIR): Safelist {
  const manifests: Record<string, PersistedQueryManifest> = {};
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      manifests[path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as PersistedQueryManifest;
    }
  }
  return new Safelist(manifests);
}

/**
 * Apollo Server's persisted-query cache, read-only over the manifests: an id
 * resolves to its listed body, an unknown id is PERSISTED_QUERY_NOT_FOUND,
 * and a client "registering" a document (APQ's second step) stores nothing.
 */
export function manifestCache(safelist: Safelist) {
  return {
    // Apollo prefixes the keys of this cache (`apq:<hash>`); the manifests know bare hashes.
    get: async (key: string) => safelist.get(key.slice(key.lastIndexOf(':') + 1))?.body,
    set: async () => undefined,
    delete: async () => false,
  };
}

export interface ClientIdentity {
  name: string;
  version: string;
}

/** The app that sent a request (`apollographql-client-name` / `-version`); "unknown" when it did not say. */
export function clientOf(headers: { get(name: string): string | undefined }): ClientIdentity {
  const clean = (v: string | undefined) => (v && /^[\w.@/+-]{1,64}$/.test(v) ? v : 'unknown');
  return { name: clean(headers.get('apollographql-client-name')), version: clean(headers.get('apollographql-client-version')) };
}

export const operationNotAllowed = () =>
  new GraphQLError('This operation is not in the persisted operations of any app', {
    extensions: { code: 'OPERATION_NOT_ALLOWED', http: { status: 400 } },
  });

/** What an unlisted document is swapped for: Apollo then never parses or validates the caller's text (operationNotAllowed answers). */
const REFUSED_DOCUMENT = '{ __typename }';

/** True when the text, or its canonical print, hashes to a manifest id: reformatting a listed document still matches, any other change does not. */
function isListed(safelist: Safelist, query: string, maxTokens: number): boolean {
  if (safelist.get(sha256(query))) return true;
  try {
    // The same token cap as Apollo's own parse: a 1 MB document stops at the cap, never parsed whole.
    return !!safelist.get(sha256(print(parse(query, { maxTokens }))));
  } catch {
    return false;
  }
}

/**
 * Enforces the safelist. In safelist mode a document sent as text is checked
 * before Apollo parses it, so an unlisted one is refused with
 * OPERATION_NOT_ALLOWED without validation errors that would describe the
 * schema to a prober; one sent by id alone is resolved by manifestCache
 * (PERSISTED_QUERY_NOT_FOUND when unknown). In open mode everything runs and
 * an unlisted operation is logged with the app that sent it.
 */
export function safelistPlugin(opts: { mode: OperationsMode; safelist: Safelist; logger: Logger; maxTokens: number }): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const client = request.http ? clientOf(request.http.headers) : undefined;
      const sent = { operationName: request.operationName, client: client?.name, clientVersion: client?.version };
      let refused = false;
      if (opts.mode === 'safelist' && typeof request.query === 'string' && !isListed(opts.safelist, request.query, opts.maxTokens)) {
        refused = true;
        opts.logger.warn({ ...sent, queryHash: sha256(request.query) }, 'operation refused: not in the safelist');
        request.query = REFUSED_DOCUMENT;
        request.operationName = undefined;
        // An APQ registration attempt: its hash no longer matches, and nothing is registered anyway.
        if (request.extensions) delete request.extensions.persistedQuery;
      }
      return {
        async didResolveOperation({ queryHash, document }) {
          if (refused) throw operationNotAllowed();
          if (opts.mode === 'open' && !opts.safelist.get(queryHash) && !opts.safelist.get(sha256(print(document)))) {
            opts.logger.info({ ...sent, queryHash }, 'operation outside the safelist (allowed: OPERATIONS=open)');
          }
        },
      };
    },
  };
}
