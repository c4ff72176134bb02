import { existsSync, readFileSync } from 'node:fs';
import { Kind } from 'graphql';
import { SUPERGRAPH_FILE } from '../../src/compose';
import type { ContractOperation } from '../../src/manifests';

export { CONTRACT_DIR, loadContractOperations, type ContractOperation } from '../../src/manifests';

/** The committed supergraph's SDL, or null until it has been composed. */
export function readCommittedSupergraph(): string | null {
  return existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : null;
}

export { apiSchemaOf } from '../../src/compose';

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
