// The matrix's back-door half: a contract operation cut down to what its
// owning subgraph resolves, so it can be sent to that subgraph directly (as an
// attacker on the network would, skipping the gateway) and judged by the
// subgraph's own token check and scoping.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';

/** Per type of one subgraph's schema: its fields and the named type each returns. */
type Fields = Map<string, Map<string, string>>;

const ROOT: Record<string, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));

function fieldsOf(sdl: string): Fields {
  const fields: Fields = new Map();
  for (const def of parse(sdl).definitions as DefinitionNode[]) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const map = fields.get(def.name.value) ?? new Map<string, string>();
    for (const f of def.fields ?? []) map.set(f.name.value, named(f.type));
    fields.set(def.name.value, map);
  }
  return fields;
}

let schemas: Map<string, Fields> | null = null;

/** Every subgraph's schema as it publishes it (`services/<name>/schema.graphql`, written by `npm run sdl`). */
function subgraphFields(names: readonly string[]): Map<string, Fields> {
  if (!schemas) {
    schemas = new Map(names.map((name) => [name, fieldsOf(readFileSync(path.resolve(__dirname, '../../../services', name, 'schema.graphql'), 'utf8'))]));
  }
  return schemas;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** The part of a selection the subgraph resolves itself (a field it does not know is left to the gateway's other subgraphs). */
function prune(set: SelectionSetNode, type: string, fields: Fields): SelectionSetNode {
  const own = fields.get(type) ?? new Map<string, string>();
  const selections: SelectionNode[] = [];
  for (const s of set.selections) {
    if (s.kind !== Kind.FIELD) continue; // the contract's operations use no fragments
    const returns = own.get(s.name.value);
    if (!returns) continue;
    selections.push(s.selectionSet ? { ...s, selectionSet: prune(s.selectionSet, returns, fields) } : s);
  }
  return { kind: Kind.SELECTION_SET, selections: selections.length ? selections : [TYPENAME] };
}

export interface DirectOperation {
  subgraph: string;
  query: string;
  /** The variables the cut-down operation still declares. */
  pick(variables: Record<string, unknown>): Record<string, unknown>;
}

/** The operation as its owning subgraph (the one whose root type has its root field) would be sent it by the gateway's plan. */
export function directOperation(text: string, subgraphNames: readonly string[]): DirectOperation {
  const op = parse(text).definitions[0] as OperationDefinitionNode;
  const root = op.selectionSet.selections[0] as FieldNode;
  const all = subgraphFields(subgraphNames);
  const owner = [...all].find(([, fields]) => fields.get(ROOT[op.operation])?.has(root.name.value));
  if (!owner) throw new Error(`No subgraph owns ${op.operation} ${root.name.value}`);
  const selectionSet = prune(op.selectionSet, ROOT[op.operation], owner[1]);
  const used = new Set<string>();
  visit(selectionSet, { Variable: (v) => void used.add(v.name.value) });
  const cut: OperationDefinitionNode = { ...op, selectionSet, variableDefinitions: op.variableDefinitions?.filter((d) => used.has(d.variable.name.value)) };
  return {
    subgraph: owner[0],
    query: print(cut),
    pick: (variables) => Object.fromEntries(Object.entries(variables).filter(([k]) => used.has(k))),
  };
}
