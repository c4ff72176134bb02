import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSqliteFile {
  /** Path of a database file that does not exist yet (the driver creates it). */
  path: string;
  /** Removes the file and its WAL/journal siblings. */
  cleanup(): Promise<void>;
}

/** A private SQLite file for one test file (embedded mode runs on SQLite). */
export function createTestSqliteFile(label: string): TestSqliteFile {
  const dir = mkdtempSync(join(tmpdir(), `linli-${label.replace(/[^a-zA-Z0-9]+/g, '-')}-`));
  return {
    path: join(dir, 'test.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
