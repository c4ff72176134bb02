import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { REPO_ROOT } from './compose';
import { sha256, type PersistedOperation, type PersistedQueryManifest } from './operations';

/** shared/ sits beside the repository (locally and in CI); the contract is read, never copied. */
export const CONTRACT_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'contract');

/**
 * Which contract files each app sends (file names without `.graphql`). The
 * first-release files are one app each; the second release's are spread by
 * who calls them (contract README, second release):
 * - registry (households, import, master-data upkeep, audit log): the
 *   community console's registry screens, and admin for the district-wide
 *   upkeep and audit log;
 * - owners: residents vote and read proposals and the public fund in the
 *   resident app; the owners' committee and community staff draft, review,
 *   set fees and record payments in the community console;
 * - notifications: every app has an inbox and live updates;
 * - ticket-conversation: whoever works on a ticket (resident, community, firm);
 * - analytics: the analytics jobs run under the district dashboard's identity.
 */
export const APP_CONTRACT_FILES: Readonly<Record<string, readonly string[]>> = {
  'resident-app': ['resident-app', 'owners', 'notifications', 'ticket-conversation'],
  'community-console': ['community-console', 'registry', 'owners', 'notifications', 'ticket-conversation'],
  'firm-app': ['firm-app', 'notifications', 'ticket-conversation'],
  'district-dashboard': ['district-dashboard', 'analytics', 'notifications'],
  admin: ['admin', 'registry', 'notifications'],
};

export interface ContractOperation {
  file: string;
  name: string;
  /** The operation with the fragments it uses (transitively), in the file's order. */
  document: DocumentNode;
}

function usedFragments(op: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Set<string>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        seen.add(name);
        const fragment = fragments.get(name);
        if (fragment) walk(fragment);
      },
    });
  walk(op);
  return [...fragments.values()].filter((f) => seen.has(f.name.value));
}

/** Every named operation of the contract files, sorted by file. */
export function loadContractOperations(dir = CONTRACT_DIR): ContractOperation[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  if (!files.length) throw new Error(`No contract operations in ${dir}`);
  return files.flatMap((file) => {
    const doc = parse(readFileSync(path.join(dir, file), 'utf8'));
    const fragments = new Map(
      doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    return doc.definitions.flatMap((d) => {
      if (d.kind !== Kind.OPERATION_DEFINITION) return [];
      if (!d.name) throw new Error(`${file}: an anonymous operation`);
      return [{ file, name: d.name.value, document: { kind: Kind.DOCUMENT, definitions: [d, ...usedFragments(d, fragments)] } as DocumentNode }];
    });
  });
}

/** One manifest entry: the canonical print is the body, so a client sending `print(document)` matches by text too. */
export function persistedOperation(op: ContractOperation): PersistedOperation {
  const def = op.document.definitions[0] as OperationDefinitionNode;
  const body = print(op.document);
  return { id: sha256(body), name: op.name, type: def.operation, body };
}

/**
 * The manifest of every app, from the contract files. Operations that do not
 * validate yet (gateway/test/pending) are listed too: the manifest is the
 * apps' list, and such an operation fails validation at the gateway until it
 * is served.
 */
export function buildManifests(operations: readonly ContractOperation[]): Record<string, PersistedQueryManifest> {
  const files = new Set(operations.map((o) => path.basename(o.file, '.graphql')));
  const mapped = new Set(Object.values(APP_CONTRACT_FILES).flat());
  const unmapped = [...files].filter((f) => !mapped.has(f));
  if (unmapped.length) throw new Error(`contract file(s) sent by no app: ${unmapped.join(', ')} (add them to APP_CONTRACT_FILES)`);
  const missing = [...mapped].filter((f) => !files.has(f));
  if (missing.length) throw new Error(`APP_CONTRACT_FILES names contract file(s) that do not exist: ${missing.join(', ')}`);
  return Object.fromEntries(
    Object.entries(APP_CONTRACT_FILES).map(([app, appFiles]) => [
      app,
      {
        format: 'apollo-persisted-query-manifest' as const,
        version: 1 as const,
        operations: operations.filter((o) => appFiles.includes(path.basename(o.file, '.graphql'))).map(persistedOperation),
      },
    ]),
  );
}

/** The manifest file's text exactly as committed. */
export const manifestText = (manifest: PersistedQueryManifest) => `${JSON.stringify(manifest, null, 2)}\n`;
