import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode, type OperationTypeNode } from 'graphql';

/** The front-end teams' contract, read where it lives (never copied into the project). */
export const CONTRACT_DIR = path.resolve(__dirname, '../../../../shared/contract');

/** One operation of the contract, as its file holds it. */
export interface ContractOperation {
  name: string;
  type: OperationTypeNode;
  /** The root field it asks for (every contract operation asks for one). */
  rootField: string;
  file: string;
  text: string;
}

let operations: Map<string, ContractOperation> | null = null;

/** Every operation of every `*.graphql` file of the contract, by name. */
export function contractOperations(): ReadonlyMap<string, ContractOperation> {
  if (!operations) {
    operations = new Map();
    for (const file of readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.graphql'))) {
      for (const def of parse(readFileSync(path.join(CONTRACT_DIR, file), 'utf8')).definitions) {
        const op = def as OperationDefinitionNode;
        if (op.kind !== 'OperationDefinition' || !op.name) continue;
        const root = op.selectionSet.selections.find((s) => s.kind === 'Field');
        operations.set(op.name.value, { name: op.name.value, type: op.operation, rootField: root?.kind === 'Field' ? root.name.value : '', file, text: print(op) });
      }
    }
  }
  return operations;
}

/** The text of a contract operation by name, exactly as the front-end teams send it. */
export function contractOperation(name: string): string {
  const op = contractOperations().get(name);
  if (!op) throw new Error(`No contract operation named ${name}`);
  return op.text;
}
