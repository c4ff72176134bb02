import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('reads the four SDLs in order with the embedded-mode URLs', () => {
    for (const name of ['organisations', 'grids', 'tickets', 'evaluations']) {
      mkdirSync(path.join(root, 'services', name), { recursive: true });
      writeFileSync(path.join(root, 'services', name, 'schema.graphql'), `# ${name}`);
    }
    expect(readSubgraphSources(root)).toEqual([
      { name: 'organisations', url: 'http://127.0.0.1:4001/graphql', sdl: '# organisations' },
      { name: 'grids', url: 'http://127.0.0.1:4002/graphql', sdl: '# grids' },
      { name: 'tickets', url: 'http://127.0.0.1:4003/graphql', sdl: '# tickets' },
      { name: 'evaluations', url: 'http://127.0.0.1:4004/graphql', sdl: '# evaluations' },
    ]);
  });
});
