import { Pool } from 'pg';
import { serviceDatabaseUrl, SUBGRAPHS } from '@linli/stack';

export interface CountCheck {
  ok: boolean;
  /** One line per comparison: what, the source's number, the copy's number. */
  lines: string[];
}

/**
 * The seed's closing check: every service's rows against the source they
 * were made from. Tickets against the generated history (rows, timeline
 * entries, list counters); evaluations' ticket facts against the tickets
 * (one per ticket, the same status, the same last version, the same
 * ratings), organisations' placements of reporters against the tickets, and
 * inspections against the plan; without `generated` (after the
 * stack delivered the outboxes), the services against each other and no
 * event left in any outbox.
 */
export async function checkCounts(baseUrl: string, generated?: { tickets: number; timeline: number; inspections: number }): Promise<CountCheck> {
  const pools = new Map<string, Pool>();
  const q = async (service: string, sql: string): Promise<Record<string, unknown>[]> => {
    if (!pools.has(service)) pools.set(service, new Pool({ connectionString: serviceDatabaseUrl(baseUrl, service), max: 1 }));
    return (await pools.get(service)!.query(sql)).rows;
  };
  const one = async (service: string, sql: string) => Number(Object.values((await q(service, sql))[0])[0] ?? 0);
  const lines: string[] = [];
  let ok = true;
  const compare = (what: string, source: number | string, copy: number | string) => {
    const same = source === copy;
    ok &&= same;
    lines.push(`${same ? 'ok  ' : 'DIFF'} ${what}: ${source} / ${copy}`);
  };
  try {
    const tickets = await one('tickets', 'select count(*) from ticket');
    if (generated) {
      // Against the generator: before any scheduler of the running services has moved a ticket on.
      compare('tickets: generated / stored', generated.tickets, tickets);
      compare('timeline entries: generated / stored', generated.timeline, await one('tickets', 'select count(*) from ticket_timeline_entry'));
      compare('evaluations inspections: planned / stored', generated.inspections, await one('evaluations', 'select count(*) from inspection'));
    }
    compare('tickets: stored / sum of versions', await one('tickets', 'select sum(version) from ticket'), await one('tickets', 'select count(*) from ticket_timeline_entry'));
    compare("tickets: stored / list counters ('*')", tickets, await one('tickets', "select coalesce(sum(n), 0) from ticket_count where scope_id = '*'"));

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
    // Organisations places each reporter in the ticket's community, and in the assignee's scope while it works on it.
    compare('organisations ticket placements: tickets / placements', tickets, await one('organisations', "select count(*) from person_affiliation where source = 'TICKET'"));
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
  return { ok, lines };
}
