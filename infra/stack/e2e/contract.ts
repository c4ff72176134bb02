import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';

/** The front-end teams' contract, read where it lives (never copied into the project). */
export const CONTRACT_DIR = path.resolve(__dirname, '../../../../shared/contract');

let operations: Map<string, string> | null = null;

/** The text of a contract operation by name, exactly as the front-end teams send it. */
export function contractOperation(name: string): string {
  if (!operations) {
    operations = new Map();
    for (const file of readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.graphql'))) {
      for (const def of parse(readFileSync(path.join(CONTRACT_DIR, file), 'utf8')).definitions) {
        const op = def as OperationDefinitionNode;
        if (op.kind === 'OperationDefinition' && op.name) operations.set(op.name.value, print(op));
      }
    }
  }
  const text = operations.get(name);
  if (!text) throw new Error(`No contract operation named ${name}`);
  return text;
}
