import type { Migration } from '@mikro-orm/migrations';

/** A service's PostgreSQL migrations, listed explicitly so dist/ and ts-jest/swc find the same ones. */
export type MigrationList = { name: string; class: new (...args: any[]) => Migration }[];
