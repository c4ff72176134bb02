import { Client } from 'pg';
import { NatsTransport, replayNatsDeadLetters, replayStoredDeadLetters, type ReplayedLetter } from '@linli/events';
import { ConfigError, createLogger } from '@linli/platform';
import { openDatabase } from '@linli/subgraph-kit';
import { eventEntities } from '@linli/events';
import { loadStackEnv, type StackEnv } from '../env';
import { databaseFor, serviceDatabaseUrl } from '../stack';
import { SUBGRAPHS } from '../subgraphs';

const USAGE = `npm run events -- <command>
  replay --dlq <consumer>|all [--embedded] [--dry-run]
      Replays a consumer's dead letters after their cause is fixed. Distributed: re-publishes
      them from the DLQ stream to their subjects and records each replay in the DLQ stream
      (<prefix>.dlq.<consumer>.replayed), so a second run skips them. --embedded (stack
      stopped): applies the dead_letter rows of DATA_DIR's databases and sets replayed_at.
      Prints one JSON line per replayed event.
  republish --since <ISO time>
      After the bus lost its store: marks every outbox row published since then as unpublished
      in every service database, so the running relays publish them again (consumers drop the
      ones they already applied).`;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

function consumersOf(which: string): string[] {
  const withHandlers = SUBGRAPHS.filter((s) => s.consumers && Object.keys(s.consumers).length).map((s) => s.name);
  if (which === 'all') return withHandlers;
  if (!withHandlers.includes(which)) throw new ConfigError([`--dlq: "${which}" is not a consumer (one of ${withHandlers.join(', ')}, or all)`]);
  return [which];
}

async function replay(env: StackEnv): Promise<ReplayedLetter[]> {
  const consumers = consumersOf(arg('--dlq') ?? '');
  const dryRun = process.argv.includes('--dry-run');
  const logger = createLogger('events', env.LOG_LEVEL);
  const out: ReplayedLetter[] = [];
  if (process.argv.includes('--embedded')) {
    for (const name of consumers) {
      const def = SUBGRAPHS.find((s) => s.name === name)!;
      const orm = await openDatabase({
        service: name,
        target: databaseFor({ driver: 'sqlite', dataDir: env.DATA_DIR }, name),
        entities: [...def.entities, ...eventEntities],
        migrations: def.migrations,
        logger,
      });
      try {
        out.push(...(await replayStoredDeadLetters({ em: orm.em, consumer: name, handlers: def.consumers ?? {}, dryRun })));
      } finally {
        await orm.close(true);
      }
    }
    return out;
  }
  const transport = await NatsTransport.connect({ servers: env.NATS_URL, streamName: env.NATS_STREAM, subjectPrefix: env.EVENT_SUBJECT_PREFIX, logger });
  try {
    for (const consumer of consumers) {
      out.push(...(await replayNatsDeadLetters({ jsm: transport.manager, dlqStream: transport.dlqStreamName, subjectPrefix: env.EVENT_SUBJECT_PREFIX, consumer, dryRun })));
    }
  } finally {
    await transport.close();
  }
  return out;
}

async function republish(env: StackEnv): Promise<void> {
  const since = new Date(arg('--since') ?? '');
  if (Number.isNaN(since.getTime())) throw new ConfigError(['republish needs --since <ISO time> (when the bus lost its store, or earlier)']);
  for (const s of SUBGRAPHS) {
    const client = new Client({ connectionString: serviceDatabaseUrl(env.DATABASE_URL, s.name) });
    await client.connect();
    try {
      const r = await client.query('UPDATE outbox_event SET published_at = NULL WHERE published_at >= $1', [since]);
      console.log(JSON.stringify({ service: s.name, republish: r.rowCount }));
    } finally {
      await client.end();
    }
  }
}

async function main() {
  const env = loadStackEnv();
  const command = process.argv[2];
  if (command === 'replay') {
    for (const line of await replay(env)) console.log(JSON.stringify(line));
  } else if (command === 'republish') {
    await republish(env);
  } else {
    console.error(USAGE);
    process.exit(2);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
