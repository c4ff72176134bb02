import type { MikroORM } from '@mikro-orm/core';
import { eventEntities } from '@linli/events';
import { createLogger } from '@linli/platform';
import { databaseFor, SUBGRAPHS } from '@linli/stack';
import { openDatabase } from '@linli/subgraph-kit';

const logger = createLogger('seed', 'error');

/** A service's database under the seed's base URL (`<name>_<service>`): its entities and the event tables, its migrations applied. */
export function openService(baseUrl: string, name: string): Promise<MikroORM> {
  const def = SUBGRAPHS.find((s) => s.name === name);
  if (!def) throw new Error(`No subgraph named ${name}`);
  return openDatabase({ service: name, target: databaseFor({ driver: 'postgresql', baseUrl }, name), entities: [...def.entities, ...eventEntities], migrations: def.migrations, logger, poolSize: 2 });
}
