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
  for (const table of ['household', 'household_member', 'person', 'person_affiliation', 'outbox_event']) {
    counts[table] = Number((await conn.execute(`select count(*) as n from ${table}`))[0].n);
  }
  return counts;
}
