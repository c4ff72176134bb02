import { Pool } from 'pg';
import { HouseholdRegistered } from '@linli/events';
import { serviceDatabaseUrl, SUBGRAPHS } from '@linli/stack';

/** Each service's copy of the register, by table: a service that starts consuming households must be named here (the check throws otherwise). */
const REGISTER_COPIES: Record<string, { households: string; members: string }> = {
  owners: { households: 'household', members: 'household_member' },
};

export interface CountCheck {
  ok: boolean;
  /** One line per comparison: what, the source's number, the copy's number. */
  lines: string[];
}

/** A check being made: `compare` records one comparison, `result` says how they went. */
export function countCheck(): { compare(what: string, source: number | string, copy: number | string): void; result(): CountCheck } {
  const lines: string[] = [];
  let ok = true;
  return {
    compare(what, source, copy) {
      const same = source === copy;
      ok &&= same;
      lines.push(`${same ? 'ok  ' : 'DIFF'} ${what}: ${source} / ${copy}`);
    },
    result: () => ({ ok, lines }),
  };
}

/**
 * The seed's closing check: every service's rows against the source they
 * were made from. Tickets against the generated history (rows, timeline
 * entries, list counters); evaluations' ticket facts against the tickets
 * (one per ticket, the same status, the same last version, the same
 * ratings), organisations' placements of reporters against the tickets, and
 * inspections against the plan, the register (households, memberships)
 * against the plan and every service's copy of it (owners'); without `generated` (after the
 * stack delivered the outboxes), the services against each other and no
 * event left in any outbox.
 */
export async function checkCounts(
  baseUrl: string,
  generated?: { tickets: number; timeline: number; inspections: number; households?: number; memberships?: number; imports?: number },
): Promise<CountCheck> {
  const pools = new Map<string, Pool>();
  const q = async (service: string, sql: string): Promise<Record<string, unknown>[]> => {
    if (!pools.has(service)) pools.set(service, new Pool({ connectionString: serviceDatabaseUrl(baseUrl, service), max: 1 }));
    return (await pools.get(service)!.query(sql)).rows;
  };
  const one = async (service: string, sql: string) => Number(Object.values((await q(service, sql))[0])[0] ?? 0);
  const { compare, result } = countCheck();
  try {
    const tickets = await one('tickets', 'select count(*) from ticket');
    if (generated) {
      // Against the generator: before any scheduler of the running services has moved a ticket on.
      compare('tickets: generated / stored', generated.tickets, tickets);
      compare('timeline entries: generated / stored', generated.timeline, await one('tickets', 'select count(*) from ticket_timeline_entry'));
      compare('evaluations inspections: planned / stored', generated.inspections, await one('evaluations', 'select count(*) from inspection'));
    }
    if (generated?.households !== undefined) {
      compare('organisations households: generated / stored', generated.households, await one('organisations', 'select count(*) from household'));
      compare('organisations memberships: generated / stored', generated.memberships ?? 0, await one('organisations', 'select count(*) from household_member'));
      // One audit entry per import (contract), stored by organisations' own audit consumer.
      compare('organisations audit entries of the imports: planned / stored', generated.imports ?? 0, await one('organisations', "select count(*) from audit_entry where action = 'importHouseholds'"));
    }
    // The register against every copy of it: households, their area, current memberships by relation.
    for (const s of SUBGRAPHS.filter((s) => s.consumers?.[HouseholdRegistered.type])) {
      const copy = REGISTER_COPIES[s.name];
      if (!copy) throw new Error(`${s.name} keeps a copy of the register the count check does not know: add it to REGISTER_COPIES`);
      compare(`${s.name} households: register / copy`, await one('organisations', 'select count(*) from household'), await one(s.name, `select count(*) from ${copy.households}`));
      compare(
        `${s.name} household area (hundredths of m²): register / copy`,
        await one('organisations', 'select coalesce(sum(area_hundredths), 0) from household'),
        await one(s.name, `select coalesce(sum(area_hundredths), 0) from ${copy.households}`),
      );
      const byRelation = async (service: string, table: string) =>
        (await q(service, `select relation, count(*)::int as n from ${table} where until is null group by relation order by relation`)).map((r) => `${r.relation}=${r.n}`).join(' ');
      compare(`${s.name} current memberships by relation: register / copy`, await byRelation('organisations', 'household_member'), await byRelation(s.name, copy.members));
    }
    compare('tickets: stored / sum of versions', await one('tickets', 'select sum(version) from ticket'), await one('tickets', 'select count(*) from ticket_timeline_entry'));
    compare("tickets: stored / list counters ('*')", tickets, await one('tickets', "select coalesce(sum(n), 0) from ticket_count where scope_id = '*'"));
    compare(
      'tickets: assigned / work-queue counters',
      await one('tickets', 'select count(*) from ticket where assignee_id is not null'),
      await one('tickets', 'select coalesce(sum(n), 0) from ticket_assignee_count'),
    );

    compare('evaluations ticket facts: tickets / facts', tickets, await one('evaluations', 'select count(*) from ticket_fact'));
    const byStatus = async (service: string, table: string) =>
      (await q(service, `select status, count(*)::int as n from ${table} group by status order by status`)).map((r) => `${r.status}=${r.n}`).join(' ');
    compare('evaluations ticket facts by status: tickets / facts', await byStatus('tickets', 'ticket'), await byStatus('evaluations', 'ticket_fact'));
    compare('evaluations: sum of ticket versions / of fact versions', await one('tickets', 'select sum(version) from ticket'), await one('evaluations', 'select sum(version) from ticket_fact'));
    compare(
      'evaluations: rated tickets / rated facts (and their score sum)',
      `${await one('tickets', 'select count(*) from ticket where rating_score is not null')}:${await one('tickets', 'select coalesce(sum(rating_score), 0) from ticket')}`,
      `${await one('evaluations', 'select count(*) from ticket_fact where rating_score is not null')}:${await one('evaluations', 'select coalesce(sum(rating_score), 0) from ticket_fact')}`,
    );
    // The aggregates: every ticket not cancelled counts once in its community's service-rate counters.
    compare(
      'evaluations service rates: tickets not cancelled / community counters',
      await one('tickets', "select count(*) from ticket where status <> 'CANCELLED'"),
      await one('evaluations', "select coalesce(sum(tickets), 0) from rate_counter where dimension = 'COMMUNITY'"),
    );
    // Organisations places each reporter in every community they reported in (one row each), and in the assignee's scope while it works on it.
    compare(
      'organisations reporters placed: reporters by community / placements',
      await one('tickets', 'select count(*) from (select distinct reporter_id, community_id from ticket) r'),
      await one('organisations', "select count(*) from person_affiliation where source = 'TICKET'"),
    );
    compare(
      'organisations dispatch placements: tickets dispatched or accepted / placements',
      await one('tickets', "select count(*) from ticket where status in ('DISPATCHED', 'ACCEPTED')"),
      await one('organisations', "select count(*) from person_affiliation where source = 'DISPATCH'"),
    );
    // After delivery (no generator figures): nothing the consumers recorded is left behind.
    if (!generated) for (const s of SUBGRAPHS) compare(`${s.name}: events left in the outbox`, 0, await one(s.name, 'select count(*) from outbox_event where published_at is null'));
  } finally {
    for (const p of pools.values()) await p.end();
  }
  return result();
}
