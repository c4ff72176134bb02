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

/**
 * A SQLite database for the whole test file: opened before its first test,
 * closed and removed after its last. Returns its getter (call it inside
 * tests and hooks, once open). `open` gets the file's path.
 */
export function useTestSqlite<T extends { close(force?: boolean): Promise<void> }>(label: string, open: (path: string) => Promise<T>): () => T {
  let handle: T | undefined;
  let file: TestSqliteFile | undefined;
  beforeAll(async () => {
    file = createTestSqliteFile(label);
    handle = await open(file.path);
  });
  afterAll(async () => {
    await handle?.close(true);
    await file?.cleanup();
  });
  return () => {
    if (!handle) throw new Error(`the test database ${label} is not open yet`);
    return handle;
  };
}
