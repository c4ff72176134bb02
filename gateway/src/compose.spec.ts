import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVICES } from '@linli/platform';
import { readSubgraphSources } from './compose';

describe('readSubgraphSources', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'linli-compose-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists every missing services/*/schema.graphql', () => {
    mkdirSync(path.join(root, 'services', 'grids'), { recursive: true });
    writeFileSync(path.join(root, 'services', 'grids', 'schema.graphql'), 'type Query { a: Int }');
    expect(() => readSubgraphSources(root)).toThrow(
      /services\/organisations\/schema\.graphql is missing[\s\S]*services\/tickets[\s\S]*services\/evaluations/,
    );
  });

  it('reads every registered SDL in the registry’s order with the embedded-mode URLs', () => {
    for (const { name } of SERVICES) {
      mkdirSync(path.join(root, 'services', name), { recursive: true });
      writeFileSync(path.join(root, 'services', name, 'schema.graphql'), `# ${name}`);
    }
    const sources = readSubgraphSources(root);
    expect(sources).toEqual(SERVICES.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: `# ${name}` })));
    expect(sources.slice(0, 5).map((s) => s.url)).toEqual([4001, 4002, 4003, 4004, 4005].map((p) => `http://127.0.0.1:${p}/graphql`));
  });
});
