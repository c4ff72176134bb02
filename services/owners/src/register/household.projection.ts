import type { EntityManager } from '@mikro-orm/core';
import {
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdRegistered,
  HouseholdUpdated,
  on,
  type BatchHandler,
  type EventEnvelope,
  type EventHandlers,
  type HouseholdMembershipV1,
  type HouseholdStateV1,
} from '@linli/events';
import { upsertNewest } from '@linli/subgraph-kit';
import { billLateHousehold } from '../fee/billing.service';
import { parseArea } from './area.rules';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { FeeCompoundEntity } from '../fee/fee.entity';

/** What a batch handler read for a run in one query each: the rows (null: none) and the compounds' billing state. */
interface Held {
  household?: HouseholdEntity | null;
  member?: HouseholdMemberEntity | null;
  billing?: FeeCompoundEntity | null;
}

/** Each household event carries the whole state: upsert it, the newest by the producer's order wins. */
async function applyHousehold(em: EntityManager, e: EventEnvelope<string, HouseholdStateV1>, held: Held = {}): Promise<HouseholdEntity> {
  const p = e.payload;
  const { row, changed } = await upsertNewest(
    em,
    HouseholdEntity,
    { id: p.householdId },
    e,
    {
      compoundId: p.compoundId,
      communityId: p.communityId,
      building: p.building,
      unit: p.unit ?? null,
      room: p.room,
      areaHundredths: parseArea(p.areaSqm),
      registeredAt: new Date(p.registeredAt),
    },
    { held: held.household },
  );
  if (!changed) return row;
  // A household registered (or learnt of) after its compound's months were billed gets those bills too.
  await billLateHousehold(em, row, held.billing !== undefined ? { state: held.billing } : undefined);
  return row;
}

/**
 * A person's membership of a household, newest by the producer's order: the
 * household's change number orders a person leaving and rejoining, although
 * each membership is a row of its own there. An ended membership stays ended
 * against older events (the row is kept, `until` set).
 */
async function applyMembership(em: EntityManager, e: EventEnvelope<string, HouseholdMembershipV1>, ended: boolean, held: Held = {}): Promise<HouseholdMemberEntity> {
  const p = e.payload;
  const values = { relation: p.relation, since: p.since, until: ended ? (p.until ?? p.since) : null };
  return (await upsertNewest(em, HouseholdMemberEntity, { householdId: p.householdId, personId: p.personId }, e, values, { held: held.member })).row;
}

export const householdProjectionHandlers: EventHandlers = {
  ...on(HouseholdRegistered, (em, e) => applyHousehold(em, e).then(() => undefined)),
  ...on(HouseholdUpdated, (em, e) => applyHousehold(em, e).then(() => undefined)),
  ...on(HouseholdMemberAdded, (em, e) => applyMembership(em, e, false).then(() => undefined)),
  ...on(HouseholdMemberRemoved, (em, e) => applyMembership(em, e, true).then(() => undefined)),
};

const STATE_EVENTS = new Set<string>([HouseholdRegistered.type, HouseholdUpdated.type]);

/**
 * The same for a run of register events in one transaction (the seed, an
 * import's burst): the run's households, their members and their compounds'
 * billing state read in one query each, then every event through the same
 * upserts in order, told what is held instead of looking it up.
 */
export const householdProjectionBatch: BatchHandler = {
  definitions: [HouseholdRegistered, HouseholdUpdated, HouseholdMemberAdded, HouseholdMemberRemoved],
  apply: async (em, events) => {
    const householdIds = [...new Set(events.map((e) => (e.payload as { householdId: string }).householdId))];
    const compoundIds = [...new Set(events.filter((e) => STATE_EVENTS.has(e.type)).map((e) => (e.payload as HouseholdStateV1).compoundId))];
    const memberKey = (householdId: string, personId: string) => `${householdId}|${personId}`;
    const [households, members, billing] = [new Map<string, HouseholdEntity>(), new Map<string, HouseholdMemberEntity>(), new Map<string, FeeCompoundEntity>()];
    for (let i = 0; i < householdIds.length; i += 1_000) {
      const chunk = householdIds.slice(i, i + 1_000);
      for (const h of await em.find(HouseholdEntity, { id: { $in: chunk } })) households.set(h.id, h);
      for (const m of await em.find(HouseholdMemberEntity, { householdId: { $in: chunk } })) members.set(memberKey(m.householdId, m.personId), m);
    }
    for (const c of compoundIds.length ? await em.find(FeeCompoundEntity, { compoundId: { $in: compoundIds } }) : []) billing.set(c.compoundId, c);
    for (const e of events) {
      if (STATE_EVENTS.has(e.type)) {
        const p = e.payload as HouseholdStateV1;
        households.set(p.householdId, await applyHousehold(em, e as EventEnvelope<string, HouseholdStateV1>, { household: households.get(p.householdId) ?? null, billing: billing.get(p.compoundId) ?? null }));
      } else {
        const p = e.payload as HouseholdMembershipV1;
        const key = memberKey(p.householdId, p.personId);
        members.set(key, await applyMembership(em, e as EventEnvelope<string, HouseholdMembershipV1>, e.type === HouseholdMemberRemoved.type, { member: members.get(key) ?? null }));
      }
    }
  },
};
