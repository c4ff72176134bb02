import { createTestDatabase } from './database';
import { createTestSqliteFile } from './sqlite';

/** Where a test's ORM opens: the same shape as the kit's `DatabaseTarget`. */
export type TestTarget = { driver: 'postgresql'; url: string } | { driver: 'sqlite'; file: string };

/** The drivers the services run on (distributed and embedded): specs that hold for both run with `describe.each(DRIVERS)`. */
export const DRIVERS = ['postgresql', 'sqlite'] as const;

/**
 * A fresh database of one driver for one test file: a new PostgreSQL
 * database or a new SQLite file, and how to remove it (`drop`, in
 * `afterAll`, after the ORM is closed).
 */
export async function createTestTarget(driver: (typeof DRIVERS)[number], label: string): Promise<{ target: TestTarget; drop: () => Promise<void> }> {
  if (driver === 'postgresql') {
    const db = await createTestDatabase(label);
    return { target: { driver, url: db.url }, drop: db.drop };
  }
  const file = createTestSqliteFile(label);
  return { target: { driver, file: file.path }, drop: file.cleanup };
}
