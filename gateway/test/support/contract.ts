import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, type DefinitionNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { REPO_ROOT, SUPERGRAPH_FILE } from '../../src/compose';

/** shared/ sits beside the repository (locally and in CI); the contract is read, never copied. */
export const CONTRACT_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'contract');

export interface ContractOperation {
  file: string;
  name: string;
  /** The operation alone, with the fragments of its file. */
  document: DocumentNode;
}

export function loadContractOperations(dir = CONTRACT_DIR): ContractOperation[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  if (!files.length) throw new Error(`No contract operations in ${dir}`);
  return files.flatMap((file) => {
    const doc = parse(readFileSync(path.join(dir, file), 'utf8'));
    const fragments: DefinitionNode[] = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    return doc.definitions.flatMap((d) => {
      if (d.kind !== Kind.OPERATION_DEFINITION) return [];
      if (!d.name) throw new Error(`${file}: an anonymous operation`);
      return [{ file, name: d.name.value, document: { kind: Kind.DOCUMENT, definitions: [d, ...fragments] } as DocumentNode }];
    });
  });
}

/** The committed supergraph's SDL, or null until it has been composed. */
export function readCommittedSupergraph(): string | null {
  return existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : null;
}

/** The schema clients see: the supergraph without its join/link machinery. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Fields of the contract that return lists. Used only to build a stand-in
 * schema for the cost check until the real supergraph is composed; once
 * gateway/supergraph.graphql exists the tests use its API schema instead.
 */
const CONTRACT_LIST_FIELDS = new Set([
  'appointments', 'assignedTickets', 'breakdown', 'children', 'crossAppointments', 'deductions', 'edges',
  'finaliseAssessments', 'firmRanking', 'grids', 'items', 'managedCompounds', 'meetings', 'members',
  'rectifications', 'resolutions', 'serviceMenu', 'staff', 'tickets', 'timeline', 'visitCompliance',
]);

/**
 * A schema shaped like the contract operations: one type per selection path,
 * lists per CONTRACT_LIST_FIELDS, `first: Int` where an operation passes it.
 * Good enough to measure cost; it does not validate anything.
 */
export function contractStandInSchemaSdl(operations: readonly ContractOperation[]): string {
  const types = new Map<string, Map<string, string>>();
  const visit = (typeName: string, selections: readonly import('graphql').SelectionNode[]) => {
    const fields = types.get(typeName) ?? new Map<string, string>();
    types.set(typeName, fields);
    for (const s of selections) {
      if (s.kind !== Kind.FIELD) throw new Error('the stand-in schema handles plain fields only');
      const name = s.name.value;
      let type = 'String';
      if (s.selectionSet) {
        type = `${typeName}_${name}`;
        visit(type, s.selectionSet.selections);
      }
      const args = s.arguments?.some((a) => a.name.value === 'first') ? '(first: Int)' : '';
      fields.set(name, `${name}${args}: ${CONTRACT_LIST_FIELDS.has(name) ? `[${type}]` : type}`);
    }
  };
  for (const op of operations) {
    const def = op.document.definitions[0];
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    visit(def.operation === 'query' ? 'Query' : 'Mutation', def.selectionSet.selections);
  }
  return [...types].map(([name, fields]) => `type ${name} {\n  ${[...fields.values()].join('\n  ')}\n}`).join('\n');
}
