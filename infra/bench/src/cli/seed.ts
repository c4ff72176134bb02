import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDistrict } from '../seed';
import { seedBulk, type BulkSeedResult } from '../seed/bulk';
import type { SeedWorld } from '../seed/world';
import { SCALES } from '../scales';
import { ProgressBar } from '../progress';

/**
 * `npm run seed -- --scale small|district-month|district [--seed 42] [--database-url postgres://…/linli | --data-dir .data] [--write-path]`:
 * seeds a district into the services' databases and writes a manifest of
 * what it made. On PostgreSQL (one database per service under the base URL)
 * the bulk path builds the history (seed/bulk: the territory through the
 * write paths, the tickets' histories through the state machine and the
 * consumers' real handlers, then a count check); `--write-path`, and SQLite
 * (files under the data dir), send every step through the mutations instead.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '42' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'write-path': { type: 'boolean', default: false },
    manifest: { type: 'string', default: '.data/seed-manifest.json' },
  },
});
const scale = SCALES[values.scale!];
if (!scale) {
  console.error(`--scale must be one of: ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
const databases = values['database-url']
  ? ({ driver: 'postgresql', baseUrl: values['database-url'] } as const)
  : ({ driver: 'sqlite', dataDir: path.resolve(values['data-dir'] ?? '.data') } as const);
const bar = new ProgressBar();
const seeding: Promise<SeedWorld & { seconds: number } & Partial<BulkSeedResult>> =
  databases.driver === 'postgresql' && !values['write-path']
    ? seedBulk({ scale, seed: Number(values.seed), baseUrl: databases.baseUrl, progress: bar.update })
    : seedDistrict({ scale, seed: Number(values.seed), databases, progress: bar.update });
seeding
  .then((world) => {
    bar.done();
    mkdirSync(path.dirname(path.resolve(values.manifest!)), { recursive: true });
    writeFileSync(path.resolve(values.manifest!), JSON.stringify(world, null, 2));
    if (world.check && world.phases && world.rows) {
      console.log(world.check.lines.join('\n'));
      console.log(`Phases (s): ${Object.entries(world.phases).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
      console.log(`Rows: ${Object.entries(world.rows).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    console.log(`Seeded ${scale.name}: ${world.communities.length} communities, ${world.ticketCount} tickets in ${world.seconds.toFixed(0)} s (${databases.driver}); manifest ${values.manifest}`);
  })
  .catch((e) => {
    bar.done();
    console.error(e);
    process.exit(1);
  });
