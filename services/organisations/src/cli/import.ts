import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eventEntities } from '@linli/events';
import { createLogger, type Actor } from '@linli/platform';
import { databaseTarget, openDatabase, recordAudit } from '@linli/subgraph-kit';
import { loadEnv } from '../env';
import { organisationsSubgraph } from '../subgraph';
import { importHouseholds, type ImportProgress } from '../household/import.service';

/**
 * `npm run import -- households --community <id> [--dry-run] [--as <personId>] file.csv`:
 * the operators' bulk import. The same service function as the
 * `importHouseholds` mutation, run directly against the organisations
 * database (DATABASE_URL, or the embedded SQLite under DATA_DIR) in one
 * transaction with its events in the outbox: the running service's relay
 * publishes them. The file must be UTF-8 (decoded strictly: a GBK file is refused).
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { community: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, as: { type: 'string', default: 'operator-cli' } },
  });
  const [what, file] = positionals;
  if (what !== 'households' || !file || !values.community) {
    console.error('usage: npm run import -- households --community <communityId> [--dry-run] [--as <personId>] file.csv');
    return 2;
  }
  let csv: string;
  try {
    csv = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (e) {
    console.error((e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${file}` : `${file} is not valid UTF-8`);
    return 1;
  }
  const env = loadEnv();
  const logger = createLogger('import', env.LOG_LEVEL);
  const orm = await openDatabase({
    service: 'organisations',
    target: databaseTarget('organisations', env.DATABASE_URL, env.DATA_DIR),
    entities: [...organisationsSubgraph.entities, ...eventEntities],
    migrations: organisationsSubgraph.migrations,
    logger,
  });
  // The operator acts as a system admin: the command line is reached only by whoever runs the servers.
  const actor: Actor = { personId: values.as!, roles: new Set(['SYSTEM_ADMIN']), orgs: [] };
  const now = new Date();
  const cmd = { actor, now, event: { source: 'organisations', correlationId: `import-${randomUUID()}`, occurredAt: now } };
  const started = Date.now();
  try {
    const result = await orm.em.fork().transactional(async (em) => {
      const r = await importHouseholds(em, cmd, { communityId: values.community!, csv, dryRun: values['dry-run'] }, progressBar());
      // Audited like the mutation: one entry per import that wrote something, in the same transaction.
      if (!r.dryRun && !r.errors.length) {
        recordAudit(em, 'organisations', actor, cmd.event, {
          action: 'importHouseholds',
          subjectType: 'Community',
          subjectId: values.community!,
          summary: `importHouseholds (command line): ${r.rows} rows, ${r.householdsCreated} households created, ${r.householdsUpdated} updated, ${r.peopleCreated} people created`,
        });
      }
      return r;
    });
    process.stderr.write('\n');
    for (const e of result.errors) console.error(`line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
    const { errors, ...counts } = result;
    console.log(JSON.stringify({ ...counts, errors: errors.length, ms: Date.now() - started }));
    return errors.length ? 1 : 0;
  } catch (e) {
    process.stderr.write('\n');
    console.error((e as Error).message);
    return 1;
  } finally {
    await orm.close(true);
  }
}

/** A progress bar on stderr (redrawn at most every 1%). */
function progressBar(width = 40): ImportProgress {
  let shown = -1;
  return (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (pct === shown) return;
    shown = pct;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} rows`);
  };
}

void main().then((code) => process.exit(code));
