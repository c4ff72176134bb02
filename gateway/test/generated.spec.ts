import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_SCHEMA_FILE, apiSchemaSdl, SUPERGRAPH_FILE } from '../src/compose';
import { buildManifests, loadContractOperations, manifestText } from '../src/manifests';
import { loadSafelist, OPERATIONS_DIR } from '../src/operations';

const stale = (file: string) => `${path.relative(path.resolve(__dirname, '..'), file)} is missing or stale: run npm run compose`;
const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

describe('files npm run compose writes', () => {
  it('api.graphql is the API schema of the committed supergraph', () => {
    if (read(API_SCHEMA_FILE) !== apiSchemaSdl(readFileSync(SUPERGRAPH_FILE, 'utf8'))) throw new Error(stale(API_SCHEMA_FILE));
  });

  it('persisted-operations/<app>.json are the manifests of the contract files, every operation in at least one', () => {
    const operations = loadContractOperations();
    const manifests = buildManifests(operations);
    for (const [app, manifest] of Object.entries(manifests)) {
      const file = path.join(OPERATIONS_DIR, `${app}.json`);
      if (read(file) !== manifestText(manifest)) throw new Error(stale(file));
    }
    const listed = new Set(loadSafelist().names());
    expect(operations.filter((o) => !listed.has(o.name)).map((o) => o.name)).toEqual([]);
  });
});
