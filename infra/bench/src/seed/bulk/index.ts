import { OutboxEvent, type EventEnvelope } from '@linli/events';
import { createLogger, DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { serviceDatabaseUrl, startStack, SUBGRAPHS, type RunningStack } from '@linli/stack';
import { GraphQLClient } from '../../client';
import { queryRows } from '../../sql';
import { Random } from '../../random';
import type { Scale } from '../../scales';
import { seedStructure } from '../structure';
import type { SeedWorld } from '../world';
import { checkCounts, type CountCheck } from './check';
import { seedFees, type FeesGenerated } from './fees';
import { checkFees } from './fees.check';
import { deliverOutboxes } from './deliver';
import { seedHouseholds } from './households';
import { seedTickets } from './tickets';
import { openService } from './open';

export interface BulkSeedOptions {
  scale: Scale;
  seed: number;
  /** PostgreSQL base URL: each service's database is `<name>_<service>` under it. */
  baseUrl: string;
  /** The history ends here (default: now); nothing happens after it. */
  endAt?: Date;
  progress?: (label: string, done: number, total: number) => void;
  /** Sees every generated event (the register's, then the tickets'), in the order the consumers got them (tests replay them through the live path). */
  observe?: (events: readonly EventEnvelope[]) => void;
  /** Called once the territory is made and every service is closed, before the register and any ticket (tests copy databases here). */
  afterTerritory?: () => Promise<void>;
  /** Called after the register, with every service closed, before any ticket (tests copy databases here; `world`: the territory made). */
  beforeTickets?: (world: Omit<SeedWorld, 'ratingPool' | 'ticketCount'>) => Promise<void>;
  /** Ticket events handed to the consumers per transaction (default 5,000; tests use small batches so a ticket's events span several). */
  batchEvents?: number;
}

export interface BulkSeedResult extends SeedWorld {
  seconds: number;
  phases: Record<string, number>;
  rows: Record<string, number>;
  check: CountCheck;
  /** The owners' year: bills, payments, fund credits and spending, proposals by status. */
  fees: FeesGenerated;
}

/** How long the seed waits for the events of its write-path phases to reach every consumer before it gives up (and fails). */
const SETTLE_MS = 3_600_000;
/** The stack is settled after this many pauses in a row, each longer than the schedulers' period, in which nobody recorded an event. */
const QUIET_PASSES = 2;
const SCHEDULER_PAUSE_MS = 2_500;
const HOUR = 3_600_000;

/** Events recorded so far across the stack's services (every outbox's highest sequence number). */
async function eventsRecorded(stack: RunningStack): Promise<number> {
  const seqs = await Promise.all(Object.values(stack.subgraphs).map(async (s) => (await s.orm.em.fork().findOne(OutboxEvent, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' }, fields: ['seq'] }))?.seq ?? 0));
  return seqs.reduce((a, b) => a + b, 0);
}
const DAY = 24 * HOUR;

/**
 * The district-year seed (issue "a district-year seed in minutes"): the
 * territory through the write paths (a few thousand mutations), then the
 * register (households and their members, one planned import per compound,
 * through the import's own parser and builders, loaded in bulk; its events to
 * owners' copy and the audit log: `households.ts`), then the tickets' year
 * through the tickets service's state machine and the consumers' real
 * handlers (`tickets.ts`), then the owners' year (`fees.ts`). Ends with a
 * count check across the services that fails the seed on any difference.
 */
export async function seedBulk(opts: BulkSeedOptions): Promise<BulkSeedResult> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  const phase = (name: string, since: number) => (phases[name] = (Date.now() - since) / 1000);
  const progress = opts.progress ?? (() => undefined);
  const endAt = opts.endAt ?? new Date();
  const databases = { driver: 'postgresql', baseUrl: opts.baseUrl } as const;
  const logger = createLogger('seed', 'error');
  const rnd = new Random(opts.seed);

  // 1. The territory, through the contract's mutations (the services' own write paths and events).
  let t0 = Date.now();
  const firstMonth = Date.UTC(endAt.getUTCFullYear(), endAt.getUTCMonth() - opts.scale.months, 1);
  const territoryAt = new Date(firstMonth - 10 * DAY);
  let current = territoryAt;
  const stack = await startStack({ databases, events: { kind: 'in-process' }, logger, now: () => current });
  let structure: Omit<SeedWorld, 'ratingPool' | 'ticketCount'>;
  try {
    const url = (service: string) => stack.subgraphs[service].url;
    const client = new GraphQLClient(stack.url, DEVELOPMENT_JWT_SECRET, {
      ...Object.fromEntries(['createOrganisation', 'registerPerson'].map((f) => [f, url('organisations')])),
      ...Object.fromEntries(['createCompound', 'createGrid', 'assignGridStaff'].map((f) => [f, url('grids')])),
      createServiceItem: url('tickets'),
    });
    // Every event of the territory reaches its consumers before the history starts (an hour at most: nothing is dropped).
    structure = await seedStructure(client, opts.scale, rnd, () => stack.settle(SETTLE_MS), progress);
    await stack.settle(SETTLE_MS);
  } finally {
    await stack.close();
  }
  current = endAt;
  phase('territory (write paths)', t0);
  await opts.afterTerritory?.();

  const open = (name: string) => openService(opts.baseUrl, name);
  const rows: Record<string, number> = {};

  // 2. The register: one import per compound in the days after the territory,
  // registered before the first month's first day (China time), so every month
  // of the history is billed to every household.
  t0 = Date.now();
  const register = await seedHouseholds({
    world: structure,
    scale: opts.scale,
    seed: opts.seed,
    baseUrl: opts.baseUrl,
    window: { from: new Date(territoryAt.getTime() + HOUR), to: new Date(firstMonth - DAY) },
    open,
    progress,
    observe: opts.observe,
  });
  rows.households = register.rows.households;
  rows.householdPeople = register.rows.people;
  rows.memberships = register.rows.memberships;
  rows.householdEvents = register.rows.events;
  rows.householdImports = register.rows.imports;
  phase('households (bulk)', t0);
  await opts.beforeTickets?.(structure);
  const tickets = await seedTickets({ world: structure, scale: opts.scale, rnd, seed: opts.seed, endAt, baseUrl: opts.baseUrl, open, batchEvents: opts.batchEvents, progress, observe: opts.observe });
  Object.assign(phases, tickets.phases);
  Object.assign(rows, tickets.rows);
  const ratingPool = tickets.ratingPool;

  // The owners' year (fees, proposals, the public fund), billed to the owners service's own copy of the register.
  t0 = Date.now();
  const fees = await seedFees({ world: structure, scale: opts.scale, seed: opts.seed, baseUrl: opts.baseUrl, endAt, open, progress });
  rows.feeMonths = fees.bills;
  rows.feePayments = fees.payments;
  phase('owners: fees, proposals, fund', t0);

  // 6. The check against the generator, then what the consumers recorded (finalised assessments,
  // rectifications) goes out through their outboxes as in production, then the services against each other.
  t0 = Date.now();
  const generated = await checkCounts(opts.baseUrl, { tickets: rows.tickets, timeline: rows.timeline, inspections: rows.inspections, households: rows.households, memberships: rows.memberships, imports: rows.householdImports });
  const feesGenerated = await checkFees(opts.baseUrl, fees);
  phase('count check', t0);
  t0 = Date.now();
  const services = await Promise.all(SUBGRAPHS.map(async (s) => ({ def: s, orm: await open(s.name) })));
  try {
    const delivered = await deliverOutboxes(services, progress);
    rows.deliveredEvents = Object.values(delivered.byType).reduce((a, b) => a + b, 0);
  } finally {
    for (const s of services) await s.orm.close();
  }
  phase('outboxes delivered (bulk)', t0);
  // Then the stack once, as deployed: its schedulers find what is due at the end (overdue tickets) and announce it.
  t0 = Date.now();
  const after = await startStack({ databases, events: { kind: 'in-process' }, logger });
  try {
    // Settled means the schedulers found nothing more either: an empty outbox at one instant is not enough when
    // their passes (a second apart, 100 tickets each) are still announcing the year's overdue tickets.
    let quiet = 0;
    while (quiet < QUIET_PASSES) {
      const before = await eventsRecorded(after);
      await after.settle(SETTLE_MS);
      await new Promise((r) => setTimeout(r, SCHEDULER_PAUSE_MS));
      quiet = (await eventsRecorded(after)) === before ? quiet + 1 : 0;
    }
  } finally {
    await after.close();
  }
  phase('stack settled', t0);
  t0 = Date.now();
  const delivered = await checkCounts(opts.baseUrl);
  const feesDelivered = await checkFees(opts.baseUrl);
  phases['count check'] += (Date.now() - t0) / 1000;
  const check: CountCheck = {
    ok: generated.ok && feesGenerated.ok && delivered.ok && feesDelivered.ok,
    lines: [...generated.lines, ...feesGenerated.lines, ...[...delivered.lines, ...feesDelivered.lines].map((l) => `${l} (after delivery)`)],
  };
  if (!check.ok) throw new Error(`Seed count check failed:\n${check.lines.join('\n')}`);
  // Bulk-loaded tables have no planner statistics and no visibility map until autovacuum gets to them (at a
  // district-year it had not, an hour later, and this host runs without it): without statistics the first lists
  // measured ran seconds on plans made blind; without the visibility map every count that an index answers reads
  // the heap too (a firm's 13,295 tickets: 12,454 heap pages, 120-190 ms, instead of an index-only scan). What
  // PostgreSQL's documentation prescribes after a bulk load, and what a deployment's autovacuum does on its own.
  t0 = Date.now();
  for (const s of SUBGRAPHS) await queryRows(serviceDatabaseUrl(opts.baseUrl, s.name), 'vacuum (analyze)');
  phase('vacuum and statistics', t0);

  return {
    ...structure,
    ratingPool,
    ticketCount: rows.tickets,
    seconds: (Date.now() - started) / 1000,
    phases,
    rows,
    check,
    fees,
  };
}
