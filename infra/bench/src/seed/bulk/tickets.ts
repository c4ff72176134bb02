import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Pool } from 'pg';
import type { EventEnvelope } from '@linli/events';
import type { Actor, Role } from '@linli/platform';
import { serviceDatabaseUrl, SUBGRAPHS } from '@linli/stack';
import { OrgNodeSchema } from '@linli/subgraph-kit';
import { codeDay, rebuildCounts, TicketCodeCounterEntity, TicketEntity, TicketHandlerEntity, TimelineEntryEntity } from '@linli/tickets';
import { finaliseAssessments, recordInspection } from '@linli/evaluations';
import { Random } from '../../random';
import type { Scale } from '../../scales';
import type { SeedWorld } from '../world';
import { apply, submit, type HandlerRow, type TicketRow, type TimelineRow } from './history';
import { insertRows } from './load';
import { DISTRICT_ADMIN_ID, planHistory, type PlannedFinalisation, type PlannedInspection, type TicketPlan } from './plan';
import { ConsumerThread } from './consume.thread';

export interface TicketsSeedOptions {
  world: Omit<SeedWorld, 'ratingPool' | 'ticketCount'>;
  scale: Scale;
  /** Draws the plan (continuing the territory's draws). */
  rnd: Random;
  /** The seed's number: the history's own generator is seeded from it. */
  seed: number;
  /** The history ends here; nothing happens after it. */
  endAt: Date;
  baseUrl: string;
  /** Opens a service's database (its entities, the event tables, its migrations applied). */
  open: (service: string) => Promise<MikroORM>;
  batchEvents?: number;
  progress?: (label: string, done: number, total: number) => void;
  observe?: (events: readonly EventEnvelope[]) => void;
}

/** Ticket events handed to the consumers per transaction (their batch handlers take a run in a few statements). */
const BATCH = 5_000;
const SLOTS = 16; // steps a ticket may have, submission included (10 at most today)

const actor = (personId: string, roles: Role[], orgs: string[]): Actor => ({ personId, roles: new Set(roles), orgs });

/**
 * The tickets' year: the plan, then every ticket's history made with the
 * tickets service's own state machine and loaded in large statements into its
 * tables, the events of that history handed in time order, in batched
 * transactions, to the live handler map of every consuming service
 * (evaluations: ticket facts, assessment and service-rate counters,
 * rectifications; organisations: reporters' placements; notifications), with
 * inspections and monthly finalisations through evaluations' own write paths
 * at their times; last the tickets' rows as the history left them.
 */
export async function seedTickets(opts: TicketsSeedOptions): Promise<{ rows: Record<string, number>; phases: Record<string, number>; ratingPool: SeedWorld['ratingPool'] }> {
  const batchEvents = opts.batchEvents ?? BATCH;
  const phases: Record<string, number> = {};
  const phase = (name: string, since: number) => (phases[name] = (Date.now() - since) / 1000);
  const rows: Record<string, number> = {};
  let t0: number;
  const ticketsOrm = await opts.open('tickets');
  // Every service that consumes ticket events, with the very handler map its live consumer subscribes with, each in its own thread.
  const consumers = await Promise.all(
    SUBGRAPHS.filter((s) => s.name !== 'tickets' && Object.keys(s.consumers ?? {}).some((type) => type.startsWith('tickets.ticket.'))).map((s) =>
      ConsumerThread.start(s.name, opts.baseUrl),
    ),
  );
  // Inspections and finalisations go through evaluations' own write paths here, between its batches.
  const evaluationsOrm = await opts.open('evaluations');
  const ticketsPool = new Pool({ connectionString: serviceDatabaseUrl(opts.baseUrl, 'tickets'), max: 2 });
  let ratingPool: SeedWorld['ratingPool'] = [];
  try {
    const [{ n }] = (await ticketsPool.query('select count(*)::int as n from ticket')).rows;
    if (n > 0) throw new Error(`The tickets database already holds ${n} tickets: the bulk seed starts from empty databases`);
    // 3. The plan and the agenda: every step of every ticket in time order.
    t0 = Date.now();
    const plan = planHistory(opts.world, opts.scale, opts.rnd, opts.endAt);
    const scopePaths = await communityScopePaths(ticketsOrm.em.fork(), opts.world.communities.map((c) => c.id));
    const agenda = agendaOf(plan.tickets.map((t) => [t.submittedAt, ...t.steps.map((s) => s.at)]), plan.start);
    const others = [
      ...plan.inspections.map((i) => ({ at: i.at, inspection: i })),
      ...plan.finalisations.map((f) => ({ at: f.at, finalisation: f })),
    ].sort((a, b) => a.at - b.at);
    phase('plan', t0);
    rows.inspections = plan.inspections.length;
    rows.finalisations = plan.finalisations.length;
    ratingPool = plan.tickets.filter((t) => t.pool).map((t) => ({ ticketId: t.id, reporterId: t.reporterId, firmId: t.pool!.firmId }));

    // 4. The history, step by step through the state machine, in batches.
    t0 = Date.now();
    const historyRnd = new Random(opts.seed + 1);
    // A ticket's plan and row are let go once its last step is made and its row goes out with the next batch:
    // the heap holds the tickets in progress, not the year (a major GC marks all of it).
    const plans: (TicketPlan | undefined)[] = plan.tickets;
    const tickets: (TicketRow | undefined)[] = new Array(plans.length);
    const handled: (Set<string> | undefined)[] = new Array(plans.length);
    let finished: TicketRow[] = [];
    const codeSequences = new Map<string, number>();
    let timeline: TimelineRow[] = [];
    let ticketHandlers: HandlerRow[] = [];
    let events: EventEnvelope[] = [];
    rows.timeline = rows.handlers = rows.events = 0;
    // What the count check expects in the tickets database: every planned ticket, whether or not its history ended.
    rows.tickets = plans.length;

    // One batch in flight while the next is made: the consumers' threads and the tickets' inserts work while this thread generates.
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      if (!events.length) return;
      const batch = { events, timeline, ticketHandlers, finished };
      opts.observe?.(events);
      rows.timeline += timeline.length;
      rows.handlers += ticketHandlers.length;
      rows.events += events.length;
      finished = [];
      timeline = [];
      ticketHandlers = [];
      events = [];
      // The tickets' rows and the consumers' transactions are in different databases: all at once.
      inFlight = Promise.all([
        (async () => {
          await insertRows(ticketsPool, ticketsOrm, TimelineEntryEntity, batch.timeline as never[]);
          await insertRows(ticketsPool, ticketsOrm, TicketHandlerEntity, batch.ticketHandlers as never[]);
          await insertRows(ticketsPool, ticketsOrm, TicketEntity, batch.finished);
        })(),
        ...consumers.map((c) => c.consume(batch.events)),
      ]);
      // A failure surfaces at the next flush (or settle); never unhandled meanwhile.
      inFlight.catch(() => undefined);
    };
    let next = 0;
    for (let k = 0; k < agenda.length; k++) {
      const slot = agenda[k] % SLOTS;
      const index = (agenda[k] - slot) / SLOTS;
      const p = plans[index]!;
      const at = slot === 0 ? p.submittedAt : p.steps[slot - 1].at;
      // Evaluations' own writes at their times, after the events before them.
      if (next < others.length && others[next].at <= at) {
        await flush();
        await inFlight;
        while (next < others.length && others[next].at <= at) await evaluate(evaluationsOrm, opts.world.districtId, others[next++]);
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
        const made = apply(tickets[index]!, p.steps[slot - 1], (handled[index] ??= new Set()), historyRnd);
        timeline.push(made.timeline);
        events.push(made.event);
        if (made.handler) ticketHandlers.push(made.handler);
      }
      if (slot === p.steps.length) {
        finished.push(tickets[index]!);
        plans[index] = tickets[index] = handled[index] = undefined;
      }
      if (events.length >= batchEvents) {
        await flush();
        opts.progress?.('ticket steps', k + 1, agenda.length);
      }
    }
    await flush();
    await inFlight;
    while (next < others.length) await evaluate(evaluationsOrm, opts.world.districtId, others[next++]);
    opts.progress?.('ticket steps', agenda.length, agenda.length);
    phase('history and consumers', t0);

    // 5. The tickets' code counters and list counters (their rows went out as each history ended).
    t0 = Date.now();
    await insertRows(ticketsPool, ticketsOrm, TicketCodeCounterEntity, [...codeSequences].map(([day, last]) => ({ day, last })));
    await rebuildCounts(ticketsOrm.em.fork());
    phase('tickets and counters', t0);
  } finally {
    await ticketsPool.end();
    await ticketsOrm.close();
    await evaluationsOrm.close();
    for (const c of consumers) await c.close();
  }
  return { rows, phases, ratingPool };
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
