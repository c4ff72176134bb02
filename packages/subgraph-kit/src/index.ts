import 'reflect-metadata';

export * from './db/orm';
export * from './db/migrations';
export * from './db/make-migration';
export * from './schema/scalars';
export * from './schema/federation';
export * from './schema/connection';
export * from './request/context';
export * from './request/loaders';
export * from './request/access';
export * from './runtime/subgraph';
export * from './runtime/env';
export * from './runtime/main';
export * from './projection/org-node.entity';
export * from './projection/org-projection';
export * from './jobs/periodic';
export * from './jobs/claim';
export * from './jobs/housekeeping';
