import { DEVELOPMENT_JWT_SECRET, createLogger } from '@linli/platform';
import { startStack, type StackDatabases } from '@linli/stack';
import { GraphQLClient } from '../client';
import { Random } from '../random';
import type { Scale } from '../scales';
import { seedStructure } from './structure';
import { seedTickets } from './tickets';
import type { SeedWorld } from './world';

export type { SeedWorld } from './world';

export interface SeedOptions {
  scale: Scale;
  seed: number;
  databases: StackDatabases;
  /** The seeded history ends here (default: now). */
  endAt?: Date;
  progress?: (label: string, done: number, total: number) => void;
}

/**
 * Builds a consistent synthetic district through the services' own write
 * paths: the real subgraphs and gateway run in this process on the target
 * databases, with a clock the seeder moves through the past months, and the
 * events flow through each service's outbox to the others as in production.
 */
export async function seedDistrict(opts: SeedOptions): Promise<SeedWorld & { seconds: number }> {
  const started = Date.now();
  const endAt = opts.endAt ?? new Date();
  let current = new Date(Date.UTC(endAt.getUTCFullYear(), endAt.getUTCMonth() - opts.scale.months, 1) - 10 * 24 * 3600_000);
  const clock = { set: (at: Date) => (current = at) };
  const stack = await startStack({
    databases: opts.databases,
    events: { kind: 'in-process' },
    logger: createLogger('seed', 'error'),
    now: () => current,
  });
  const progress = opts.progress ?? (() => undefined);
  try {
    const url = (service: string) => stack.subgraphs[service].url;
    const client = new GraphQLClient(stack.url, DEVELOPMENT_JWT_SECRET, {
      ...Object.fromEntries(['createOrganisation', 'registerPerson'].map((f) => [f, url('organisations')])),
      ...Object.fromEntries(['createCompound', 'createGrid', 'assignGridStaff', 'recordVisit'].map((f) => [f, url('grids')])),
      ...Object.fromEntries(
        ['createServiceItem', 'submitTicket', 'dispatchTicket', 'escalateTicket', 'acceptTicket', 'returnTicket', 'resolveTicket', 'reopenTicket', 'rateTicket', 'cancelTicket'].map((f) => [f, url('tickets')]),
      ),
      ...Object.fromEntries(['recordInspection', 'finaliseAssessments'].map((f) => [f, url('evaluations')])),
    });
    const rnd = new Random(opts.seed);
    const structure = await seedStructure(client, opts.scale, rnd, () => stack.settle(), progress);
    const tickets = await seedTickets(client, structure, opts.scale, rnd, clock, endAt, progress);
    // The schedulers now trickle auto-closes and overdue notices for the seeded
    // history; what is still in an outbox when we stop is durable and goes out
    // when the stack next runs, so this last wait is only best effort.
    await stack.settle(20_000).catch(() => undefined);
    return { ...structure, ...tickets, seconds: (Date.now() - started) / 1000 };
  } finally {
    await stack.close();
  }
}
