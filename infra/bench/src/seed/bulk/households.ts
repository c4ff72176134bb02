import type { MikroORM } from '@mikro-orm/core';
import { Pool } from 'pg';
import { AuditRecorded, HouseholdMemberAdded, HouseholdRegistered, PersonPlaced, PersonRegistered, type EventEnvelope } from '@linli/events';
import { ancestorsOf, HouseholdEntity, HouseholdMemberEntity, PersonAffiliationEntity, PersonEntity } from '@linli/organisations';
import { serviceDatabaseUrl, SUBGRAPHS } from '@linli/stack';
import { PersonPlacementSchema } from '@linli/subgraph-kit';
import { Random } from '../../random';
import type { Scale } from '../../scales';
import type { SeedWorld } from '../world';
import { consume, type ConsumerHandlers } from './consume';
import { importOf, planHouseholds, type AffiliationRow, type HouseholdRow, type MemberRow, type PersonRow, type PlacementRow } from './households.plan';
import { insertRows } from './load';

/** Events handed to each consumer per transaction. */
const BATCH = 1_000;
/** The types an import records (importOf's test keeps this list whole): whoever consumes one of them gets the register's events. */
export const IMPORT_EVENTS: readonly string[] = [HouseholdRegistered.type, PersonRegistered.type, HouseholdMemberAdded.type, PersonPlaced.type, AuditRecorded.organisations.type];

export interface HouseholdsPhase {
  rows: { households: number; people: number; memberships: number; imports: number; events: number };
}

export interface HouseholdsOptions {
  world: Pick<SeedWorld, 'communities'>;
  scale: Scale;
  seed: number;
  baseUrl: string;
  /** The imports happen between these instants (before the first billed month). */
  window: { from: Date; to: Date };
  /** Opens a service's database with its entities and the events tables. */
  open: (service: string) => Promise<MikroORM>;
  progress: (label: string, done: number, total: number) => void;
  observe?: (events: readonly EventEnvelope[]) => void;
}

/**
 * The register in bulk: one planned `importHouseholds` file per compound,
 * made into the organisations service's rows by the import's own parser and
 * builders (`importOf`), loaded in `unnest` statements, and its events handed
 * in time order, in batched transactions, to the live handler map of every
 * service that consumes one of them (owners' copy of the register,
 * organisations' own audit log; whoever subscribes later is found the same way).
 */
export async function seedHouseholds(opts: HouseholdsOptions): Promise<HouseholdsPhase> {
  const pool = new Pool({ connectionString: serviceDatabaseUrl(opts.baseUrl, 'organisations'), max: 2 });
  const consumers: (ConsumerHandlers & { name: string; orm: MikroORM })[] = [];
  try {
    const [{ n }] = (await pool.query('select count(*)::int as n from household')).rows;
    if (n > 0) throw new Error(`The organisations database already holds ${n} households: the bulk seed starts from empty databases`);
    for (const s of SUBGRAPHS) {
      if (IMPORT_EVENTS.some((type) => s.consumers?.[type])) consumers.push({ name: s.name, handlers: s.consumers!, batches: s.batchConsumers, orm: await opts.open(s.name) });
    }
    // The organisations database's metadata names the columns the rows go into.
    const orm = consumers.find((c) => c.name === 'organisations')?.orm ?? (await opts.open('organisations'));
    try {
      const residents = opts.world.communities.flatMap((c) => c.residents.map((r) => r.id));
      const party = new Map<string, boolean>(
        (await pool.query('select id, party_member from person where id = any($1)', [residents])).rows.map((r: { id: string; party_member: boolean }) => [r.id, r.party_member]),
      );
      const communityIds = opts.world.communities.map((c) => c.id);
      const ancestors = new Map<string, string[]>(
        (await pool.query('select id, path from organisation where id = any($1)', [communityIds])).rows.map((r: { id: string; path: string }) => [r.id, ancestorsOf(r.path)]),
      );
      const imports = planHouseholds(opts.world, opts.scale, new Random(opts.seed + 2), opts.window, party);
      const rnd = new Random(opts.seed + 3);
      const rows = { households: 0, people: 0, memberships: 0, imports: imports.length, events: 0 };
      let batch = { households: [] as HouseholdRow[], people: [] as PersonRow[], affiliations: [] as AffiliationRow[], placements: [] as PlacementRow[], members: [] as MemberRow[], events: [] as EventEnvelope[] };
      const flush = async () => {
        if (!batch.events.length) return;
        const b = batch;
        batch = { households: [], people: [], affiliations: [], placements: [], members: [], events: [] };
        // The register's rows and each consumer's transaction are in different databases: side by side.
        await Promise.all([
          (async () => {
            await insertRows(pool, orm, PersonEntity, b.people);
            await insertRows(pool, orm, PersonAffiliationEntity, b.affiliations);
            await insertRows(pool, orm, PersonPlacementSchema, b.placements);
            await insertRows(pool, orm, HouseholdEntity, b.households);
            await insertRows(pool, orm, HouseholdMemberEntity, b.members);
          })(),
          // Owners' upserts read by primary key, the audit store by event id: nothing in a batch reads another event's pending rows.
          ...consumers.map((c) => consume(c.orm, c, b.events, { flushAtCommit: true })),
        ]);
        opts.observe?.(b.events);
        rows.households += b.households.length;
        rows.people += b.people.length;
        rows.memberships += b.members.length;
        rows.events += b.events.length;
      };
      for (let i = 0; i < imports.length; i++) {
        const imp = imports[i];
        const path = ancestors.get(imp.communityId);
        if (!path) throw new Error(`The organisations service does not know community ${imp.communityId}`);
        const made = importOf(imp, path, rnd);
        batch.households.push(...made.households);
        batch.people.push(...made.people);
        batch.affiliations.push(...made.affiliations);
        batch.placements.push(...made.placements);
        batch.members.push(...made.members);
        batch.events.push(...made.events);
        if (batch.events.length >= BATCH) {
          await flush();
          opts.progress('households', i + 1, imports.length);
        }
      }
      await flush();
      opts.progress('households', imports.length, imports.length);
      return { rows };
    } finally {
      if (!consumers.some((c) => c.orm === orm)) await orm.close();
    }
  } finally {
    await pool.end();
    for (const c of consumers) await c.orm.close();
  }
}
