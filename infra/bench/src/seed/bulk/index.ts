import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Pool } from 'pg';
import { eventEntities, type EventEnvelope } from '@linli/events';
import { createLogger, DEVELOPMENT_JWT_SECRET, type Actor, type Role } from '@linli/platform';
import { databaseFor, serviceDatabaseUrl, startStack, SUBGRAPHS } from '@linli/stack';
import { openDatabase, OrgNodeSchema, type SubgraphDefinition } from '@linli/subgraph-kit';
import { codeDay, rebuildCounts, TicketCodeCounterEntity, TicketEntity, TicketHandlerEntity, TimelineEntryEntity } from '@linli/tickets';
import { finaliseAssessments, recordInspection } from '@linli/evaluations';
import { GraphQLClient } from '../../client';
import { Random } from '../../random';
import type { Scale } from '../../scales';
import { seedStructure } from '../structure';
import type { SeedWorld } from '../world';
import { apply, submit, type HandlerRow, type TicketRow, type TimelineRow } from './history';
import { insertRows } from './load';
import { DISTRICT_ADMIN_ID, planHistory, type PlannedFinalisation, type PlannedInspection } from './plan';
import { checkCounts, type CountCheck } from './check';
import { seedFees, type FeesGenerated } from './fees';
import { checkFees } from './fees.check';
import { consume } from './consume';
import { deliverOutboxes } from './deliver';
import { seedHouseholds } from './households';

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
  /** Called after the register, with every service closed, before any ticket (tests copy databases here). */
  beforeTickets?: () => Promise<void>;
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

/** Ticket events handed to the consumers per transaction (their batch handlers take a run in a few statements). */
const BATCH = 5_000;
/** How long the seed waits for the events of its write-path phases to reach every consumer before it gives up (and fails). */
const SETTLE_MS = 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLOTS = 16; // steps a ticket may have, submission included (10 at most today)

const actor = (personId: string, roles: Role[], orgs: string[]): Actor => ({ personId, roles: new Set(roles), orgs });

/**
 * The district-year seed (issue "a district-year seed in minutes"): the
 * territory through the write paths (a few thousand mutations), then the
 * register (households and their members, one planned import per compound,
 * through the import's own parser and builders, loaded in bulk; its events to
 * owners' copy and the audit log: `households.ts`), then every
 * ticket's history made with the tickets service's own state machine and
 * loaded in large statements into its tables, the events of that history
 * handed in time order, in batched transactions, to the live handler map of
 * every consuming service (evaluations: ticket facts, assessment and
 * service-rate counters, rectifications; organisations: reporters' placements;
 * notifications), with inspections and monthly finalisations
 * through evaluations' own write paths at their times. Ends with a count
 * check across the services that fails the seed on any difference.
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

  const def = (name: string): SubgraphDefinition => SUBGRAPHS.find((s) => s.name === name)!;
  const open = (name: string) =>
    openDatabase({ service: name, target: databaseFor(databases, name), entities: [...def(name).entities, ...eventEntities], migrations: def(name).migrations, logger, poolSize: 2 });
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
  await opts.beforeTickets?.();
  const batchEvents = opts.batchEvents ?? BATCH;
  const ticketsOrm = await open('tickets');
  // Every service that consumes ticket events, with the very handler map its live consumer subscribes with.
  const consumers = await Promise.all(
    SUBGRAPHS.filter((s) => s.name !== 'tickets' && Object.keys(s.consumers ?? {}).some((type) => type.startsWith('tickets.ticket.'))).map(async (s) => ({
      name: s.name,
      handlers: s.consumers!,
      batches: s.batchConsumers,
      orm: await open(s.name),
    })),
  );
  const evaluationsOrm = consumers.find((c) => c.name === 'evaluations')!.orm;
  const ticketsPool = new Pool({ connectionString: serviceDatabaseUrl(opts.baseUrl, 'tickets'), max: 2 });
  let ratingPool: SeedWorld['ratingPool'] = [];
  try {
    const [{ n }] = (await ticketsPool.query('select count(*)::int as n from ticket')).rows;
    if (n > 0) throw new Error(`The tickets database already holds ${n} tickets: the bulk seed starts from empty databases`);
    // 3. The plan and the agenda: every step of every ticket in time order.
    t0 = Date.now();
    const plan = planHistory(structure, opts.scale, rnd, endAt);
    const scopePaths = await communityScopePaths(ticketsOrm.em.fork(), structure.communities.map((c) => c.id));
    const agenda = agendaOf(plan.tickets.map((t) => [t.submittedAt, ...t.steps.map((s) => s.at)]), plan.start);
    const others = [
      ...plan.inspections.map((i) => ({ at: i.at, inspection: i })),
      ...plan.finalisations.map((f) => ({ at: f.at, finalisation: f })),
    ].sort((a, b) => a.at - b.at);
    phase('plan', t0);

    // 4. The history, step by step through the state machine, in batches.
    t0 = Date.now();
    const historyRnd = new Random(opts.seed + 1);
    const tickets: TicketRow[] = new Array(plan.tickets.length);
    const handled: (Set<string> | undefined)[] = new Array(plan.tickets.length);
    const codeSequences = new Map<string, number>();
    let timeline: TimelineRow[] = [];
    let ticketHandlers: HandlerRow[] = [];
    let events: EventEnvelope[] = [];
    rows.timeline = rows.handlers = rows.events = 0;

    const flush = async () => {
      if (!events.length) return;
      // The tickets' rows and the consumer's transaction are in different databases: both at once.
      await Promise.all([
        insertRows(ticketsPool, ticketsOrm, TimelineEntryEntity, timeline as never[]).then(() => insertRows(ticketsPool, ticketsOrm, TicketHandlerEntity, ticketHandlers as never[])),
        // Each consumer's database is its own: the consumers take the batch side by side, each in its own transaction.
        ...consumers.map((c) => consume(c.orm, c, events)),
      ]);
      opts.observe?.(events);
      rows.timeline += timeline.length;
      rows.handlers += ticketHandlers.length;
      rows.events += events.length;
      timeline = [];
      ticketHandlers = [];
      events = [];
    };
    let next = 0;
    for (let k = 0; k < agenda.length; k++) {
      const slot = agenda[k] % SLOTS;
      const index = (agenda[k] - slot) / SLOTS;
      const p = plan.tickets[index];
      const at = slot === 0 ? p.submittedAt : p.steps[slot - 1].at;
      // Evaluations' own writes at their times, after the events before them.
      if (next < others.length && others[next].at <= at) {
        await flush();
        while (next < others.length && others[next].at <= at) await evaluate(evaluationsOrm, structure.districtId, others[next++]);
      }
      if (slot === 0) {
        const day = codeDay(new Date(p.submittedAt));
        const sequence = (codeSequences.get(day) ?? 0) + 1;
        codeSequences.set(day, sequence);
        const { row, made } = submit(p, scopePaths.get(p.communityId)!, sequence, historyRnd);
        tickets[index] = row;
        timeline.push(made.timeline);
        events.push(made.event);
      } else {
        const made = apply(tickets[index], p.steps[slot - 1], (handled[index] ??= new Set()), historyRnd);
        timeline.push(made.timeline);
        events.push(made.event);
        if (made.handler) ticketHandlers.push(made.handler);
      }
      if (events.length >= batchEvents) {
        await flush();
        progress('ticket steps', k + 1, agenda.length);
      }
    }
    await flush();
    while (next < others.length) await evaluate(evaluationsOrm, structure.districtId, others[next++]);
    progress('ticket steps', agenda.length, agenda.length);
    phase('history and consumers', t0);

    // 5. The tickets as the history left them, their code counters and list counters.
    t0 = Date.now();
    await insertRows(ticketsPool, ticketsOrm, TicketEntity, tickets);
    await insertRows(ticketsPool, ticketsOrm, TicketCodeCounterEntity, [...codeSequences].map(([day, last]) => ({ day, last })));
    await rebuildCounts(ticketsOrm.em.fork());
    rows.tickets = tickets.length;
    rows.inspections = plan.inspections.length;
    rows.finalisations = plan.finalisations.length;
    phase('tickets and counters', t0);
    ratingPool = plan.tickets.filter((t) => t.pool).map((t) => ({ ticketId: t.id, reporterId: t.reporterId, firmId: t.pool!.firmId }));
  } finally {
    await ticketsPool.end();
    await ticketsOrm.close();
    for (const c of consumers) await c.orm.close();
  }

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
    await after.settle(SETTLE_MS);
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

/** The tickets service's scope path of each community (from its own copy of the organisation tree). */
async function communityScopePaths(em: EntityManager, communityIds: string[]): Promise<Map<string, string>> {
  const nodes = await em.find(OrgNodeSchema, { id: { $in: communityIds } });
  const paths = new Map(nodes.map((n) => [n.id, `${n.path}${n.id}/`]));
  const missing = communityIds.filter((id) => !paths.has(id));
  if (missing.length) throw new Error(`The tickets service does not know ${missing.length} communities (events not delivered?)`);
  return paths;
}

/**
 * Every step as one number, sorted: minute since the start × 2^27 + ticket ×
 * 16 + step. A ticket's steps are at least a minute apart, so sorting keeps
 * each ticket's order; 2^27 / 16 = 8.4 M tickets fit.
 */
function agendaOf(times: number[][], start: number): Float64Array {
  const total = times.reduce((n, t) => n + t.length, 0);
  const keys = new Float64Array(total);
  let k = 0;
  times.forEach((steps, ticket) => {
    if (steps.length > SLOTS) throw new Error(`a ticket has ${steps.length} steps; the agenda holds ${SLOTS}`);
    steps.forEach((at, step) => (keys[k++] = Math.floor((at - start) / 60_000) * 2 ** 27 + ticket * SLOTS + step));
  });
  keys.sort();
  return keys.map((key) => key % 2 ** 27);
}

/** An inspection or a month's finalisation through evaluations' own service functions, as the mutation would run them. */
async function evaluate(orm: MikroORM, districtId: string, item: { at: number; inspection?: PlannedInspection; finalisation?: PlannedFinalisation }): Promise<void> {
  const now = new Date(item.at);
  const event = (correlationId: string) => ({ source: 'evaluations', correlationId, occurredAt: now });
  await orm.em.fork().transactional(async (tx) => {
    if (item.inspection) {
      const i = item.inspection;
      await recordInspection(tx, { actor: actor(i.staffId, ['COMMUNITY_STAFF'], [i.communityId]), now, event: event(`seed-inspection-${i.compoundId}-${i.at}`) }, {
        firmId: i.firmId,
        compoundId: i.compoundId,
        items: i.items,
      });
    } else {
      await finaliseAssessments(tx, { actor: actor(DISTRICT_ADMIN_ID, ['DISTRICT_ADMIN'], [districtId]), now, event: event(`seed-finalise-${item.finalisation!.period}`) }, districtId, item.finalisation!.period);
    }
  });
}
