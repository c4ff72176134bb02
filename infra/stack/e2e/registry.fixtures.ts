import { waitFor } from '@linli/testing';
import type { District } from './fixtures';
import type { Caller, TestStack } from './harness';
import { op } from './grids.fixtures';

export const IMPORT_HEADER = 'compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation';

/** Waits until the organisations subgraph's copy of the territory holds these compounds and grids (it learns them from grids' events). */
export async function territoryKnown(stack: TestStack, ids: { compounds?: string[]; grids?: string[] }): Promise<void> {
  const conn = () => stack.subgraphs.organisations.orm.em.fork().getConnection();
  await waitFor(
    async () => {
      for (const [table, list] of [['compound_node', ids.compounds ?? []], ['grid_node', ids.grids ?? []]] as const) {
        for (const id of list) if (!Number((await conn().execute(`select count(*) as n from ${table} where id = ?`, [id]))[0].n)) return false;
      }
      return true;
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
}

/** A compound (and a grid of it) in a community, known to the register. */
export async function compoundWithGrid(stack: TestStack, d: District, name: string, communityId = d.communityId, as: Caller = d.callers.communityStaff) {
  const c = await op(stack, 'CreateCompound', { input: { name, communityId, managementMode: 'NONE', households: 300 } }, as);
  if (c.errors) throw new Error(JSON.stringify(c.errors));
  const compoundId = c.data.createCompound.compound.id as string;
  const code = `G-${Math.random().toString(36).slice(2, 8)}`;
  const g = await op(stack, 'CreateGrid', { input: { code, name: `${name}网格`, level: 'COMPOUND', communityId, compoundId, households: 300, residents: 800 } }, as);
  if (g.errors) throw new Error(JSON.stringify(g.errors));
  const gridId = g.data.createGrid.grid.id as string;
  await territoryKnown(stack, { compounds: [compoundId], grids: [gridId] });
  return { compoundId, gridId, gridCode: code };
}

/** Row counts of the register's tables (and the outbox): a rejected write leaves them as they were. */
export async function registerCounts(stack: TestStack): Promise<Record<string, number>> {
  const conn = stack.subgraphs.organisations.orm.em.fork().getConnection();
  const counts: Record<string, number> = {};
  for (const table of ['household', 'household_member', 'person', 'person_affiliation']) {
    counts[table] = Number((await conn.execute(`select count(*) as n from ${table}`))[0].n);
  }
  // Domain events and audit entries apart: a successful write adds exactly one audit event.
  const [outbox] = await conn.execute(`select count(*) as n, sum(case when type like '%.audit.recorded' then 1 else 0 end) as audit from outbox_event`);
  counts.events = Number(outbox.n) - Number(outbox.audit ?? 0);
  counts.audit = Number(outbox.audit ?? 0);
  return counts;
}

/** The audit log of a scope as an admin reads it (contract operation), once `count` entries of `action` are there. */
export async function auditEntries(stack: TestStack, as: Caller, scopeId: string, action: string, count: number, timeoutMs = 45_000) {
  let entries: { action: string; actorId: string; service: string; subjectType: string | null; subjectId: string | null; summary: string; roles: string[]; actor: { id: string } | null }[] = [];
  await waitFor(
    async () => {
      const r = await op(stack, 'AuditLog', { scopeId, from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', first: 100 }, as);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      entries = r.data.auditLog.edges.map((e: { node: unknown }) => e.node).filter((n: { action: string }) => n.action === action);
      return entries.length >= count;
    },
    // Entries travel as events (relay, bus, the organisations consumer): behind an import's hundreds of events on a loaded machine.
    { timeoutMs, intervalMs: 200 },
  );
  return entries;
}
