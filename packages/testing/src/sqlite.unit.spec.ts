import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createTestSqliteFile } from './sqlite';

describe('createTestSqliteFile', () => {
  it('gives a private path and removes it on cleanup', async () => {
    const a = createTestSqliteFile('relay sqlite');
    const b = createTestSqliteFile('relay sqlite');
    expect(a.path).not.toBe(b.path);
    writeFileSync(a.path, '');
    writeFileSync(`${a.path}-wal`, '');
    await a.cleanup();
    await b.cleanup();
    expect(existsSync(dirname(a.path))).toBe(false);
  });
});
