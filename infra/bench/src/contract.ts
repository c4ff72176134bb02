import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/** The front-end teams' contract (`../shared/contract` beside the repository). */
export const CONTRACT_DIR = path.resolve(__dirname, '../../../../shared/contract');

let operations: Map<string, string> | null = null;

/**
 * A contract operation's document by name, printed canonically: the text the
 * gateway's safelist lists (gateway/persisted-operations), so the benchmark
 * sends exactly what the apps send.
 */
export function contractOperation(name: string): string {
  if (!operations) {
    operations = new Map();
    for (const file of readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.graphql'))) {
      for (const def of parse(readFileSync(path.join(CONTRACT_DIR, file), 'utf8')).definitions) {
        if (def.kind === Kind.OPERATION_DEFINITION && def.name) {
          operations.set(def.name.value, print({ kind: Kind.DOCUMENT, definitions: [def as OperationDefinitionNode] }));
        }
      }
    }
  }
  const op = operations.get(name);
  if (!op) throw new Error(`no operation ${name} in ${CONTRACT_DIR}`);
  return op;
}
