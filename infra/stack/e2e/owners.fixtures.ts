import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createEnvelope, HouseholdMemberAdded, HouseholdRegistered, subjectFor, type HouseholdRelation, type HouseholdStateV1 } from '@linli/events';
import { SUPERGRAPH_FILE } from '@linli/gateway';
import { waitFor } from '@linli/testing';
import type { Caller, TestStack } from './harness';
import { op } from './grids.fixtures';

/** Rows of a table of the owners subgraph matching a condition (the projections the e2e waits for). */
export async function ownersCount(stack: TestStack, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const rows = await stack.subgraphs.owners.orm.em.fork().getConnection().execute(`select count(*) as n from ${table} where ${where}`, params);
  return Number(rows[0].n);
}

/** The register's mutations, once the register's subgraph serves them; until then its events, published on the stack's bus. */
const registerServed = () => /registerHousehold\(/.test(readFileSync(SUPERGRAPH_FILE, 'utf8'));

/** A household as the register's event describes it, without what the register assigns (id, grid, time). */
export type HouseholdSpec = Omit<HouseholdStateV1, 'householdId' | 'gridId' | 'registeredAt'>;

/**
 * Registers a household through `registerHousehold` when the supergraph has
 * it, else publishes `organisations.household.registered` as the register
 * would (registered now). Resolves once the owners subgraph knows it.
 */
export async function registerHousehold(stack: TestStack, as: Caller, h: HouseholdSpec): Promise<string> {
  let id: string;
  if (registerServed()) {
    const r = await op(stack, 'RegisterHousehold', { input: { compoundId: h.compoundId, building: h.building, unit: h.unit, room: h.room, areaSqm: Number(h.areaSqm) } }, as);
    if (r.errors) throw new Error(`RegisterHousehold: ${JSON.stringify(r.errors)}`);
    id = r.data.registerHousehold.household.id;
  } else {
    id = randomUUID();
    const payload = { householdId: id, ...h, gridId: null, registeredAt: new Date().toISOString() };
    await stack.transport.publish(subjectFor(stack.subjectPrefix, HouseholdRegistered), createEnvelope(HouseholdRegistered, payload, { source: 'organisations' }));
  }
  await waitFor(async () => (await ownersCount(stack, 'household', 'id = ?', [id])) === 1, { timeoutMs: 5_000, intervalMs: 50 });
  return id;
}

/** Adds a member through `addHouseholdMember` when served, else publishes `organisations.household.memberAdded`. */
export async function addMember(stack: TestStack, as: Caller, householdId: string, compoundId: string, personId: string, relation: HouseholdRelation): Promise<void> {
  const since = new Date().toISOString().slice(0, 10);
  if (registerServed()) {
    const r = await op(stack, 'AddHouseholdMember', { input: { householdId, personId, relation, since } }, as);
    if (r.errors) throw new Error(`AddHouseholdMember: ${JSON.stringify(r.errors)}`);
  } else {
    const payload = { householdId, compoundId, personId, relation, since, until: null };
    await stack.transport.publish(subjectFor(stack.subjectPrefix, HouseholdMemberAdded), createEnvelope(HouseholdMemberAdded, payload, { source: 'organisations' }));
  }
  await waitFor(async () => (await ownersCount(stack, 'household_member', 'household_id = ? and person_id = ?', [householdId, personId])) === 1, { timeoutMs: 5_000, intervalMs: 50 });
}

/** Drives a proposal from draft through both reviews to an open vote; returns its id. */
export async function proposalToVote(
  stack: TestStack,
  input: Record<string, unknown>,
  callers: { drafter: Caller; party: Caller; committee: Caller },
  closesAt: Date,
): Promise<string> {
  const steps: [string, Record<string, unknown>, Caller][] = [];
  const d = await op(stack, 'DraftProposal', { input }, callers.drafter);
  if (d.errors) throw new Error(`DraftProposal: ${JSON.stringify(d.errors)}`);
  const id = d.data.draftProposal.proposal.id;
  steps.push(['SubmitProposal', { id }, callers.drafter]);
  steps.push(['ReviewProposal', { id, approve: true, note: '同意' }, callers.party]);
  steps.push(['ReviewProposal', { id, approve: true, note: '业委会通过' }, callers.committee]);
  steps.push(['OpenVoting', { id, closesAt: closesAt.toISOString() }, callers.committee]);
  for (const [name, vars, as] of steps) {
    const r = await op(stack, name, vars, as);
    if (r.errors) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  }
  return id;
}
