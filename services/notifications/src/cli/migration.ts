import path from 'node:path';
import { createMigrationFile } from '@linli/subgraph-kit';
import { notificationsSubgraph } from '../subgraph';

// Writes the next PostgreSQL migration of this service from its entities.
const admin = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
createMigrationFile(notificationsSubgraph, path.resolve(__dirname, '../../src/migrations'), admin).then((f) => console.log(f ? `wrote ${f}` : 'no changes'));
