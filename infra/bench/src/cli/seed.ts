import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDistrict } from '../seed';
import { SCALES } from '../scales';
import { ProgressBar } from '../progress';

/**
 * `npm run seed -- --scale small|district [--seed 42] [--database-url postgres://…/linli | --data-dir .data]`:
 * seeds a district into the services' databases (PostgreSQL: one database per
 * service under the base URL; SQLite: files under the data dir) and writes a
 * manifest of what it made.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '42' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
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
seedDistrict({ scale, seed: Number(values.seed), databases, progress: bar.update })
  .then((world) => {
    bar.done();
    mkdirSync(path.dirname(path.resolve(values.manifest!)), { recursive: true });
    writeFileSync(path.resolve(values.manifest!), JSON.stringify(world, null, 2));
    console.log(`Seeded ${scale.name}: ${world.communities.length} communities, ${world.ticketCount} tickets in ${world.seconds.toFixed(0)} s (${databases.driver}); manifest ${values.manifest}`);
  })
  .catch((e) => {
    bar.done();
    console.error(e);
    process.exit(1);
  });
