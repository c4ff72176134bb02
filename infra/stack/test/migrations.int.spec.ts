import { pendingSchemaSql } from '@linli/subgraph-kit';
import { SUBGRAPHS } from '../src/subgraphs';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * PostgreSQL runs on migrations, SQLite on schema update from the entities:
 * both must build the same schema, so each service's migrations must leave
 * nothing for the entities to add (run `npm run migration:create -w services/<name>`).
 */
describe.each(SUBGRAPHS.map((s) => [s.name, s] as const))('migrations of %s', (_name, def) => {
  it('are in step with its entities', async () => {
    expect(await pendingSchemaSql(def, ADMIN_URL)).toBe('');
  });
});
