import type { EntityManager } from '@mikro-orm/core';
import {
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdRegistered,
  HouseholdUpdated,
  on,
  type EventEnvelope,
  type EventHandlers,
  type HouseholdMembershipV1,
  type HouseholdStateV1,
} from '@linli/events';
import { upsertNewest } from '@linli/subgraph-kit';
import { billLateHousehold } from '../fee/billing.service';
import { parseArea } from './area.rules';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';

/** Each household event carries the whole state: upsert it, the newest by the producer's order wins. */
async function applyHousehold(em: EntityManager, e: EventEnvelope<string, HouseholdStateV1>): Promise<void> {
  const p = e.payload;
  const { row, changed } = await upsertNewest(em, HouseholdEntity, { id: p.householdId }, e, {
    compoundId: p.compoundId,
    communityId: p.communityId,
    building: p.building,
    unit: p.unit ?? null,
    room: p.room,
    areaHundredths: parseArea(p.areaSqm),
    registeredAt: new Date(p.registeredAt),
  });
  if (!changed) return;
  // A household registered (or learnt of) after its compound's months were billed gets those bills too.
  await billLateHousehold(em, row);
}

/**
 * A person's membership of a household, newest by the producer's order: the
 * household's change number orders a person leaving and rejoining, although
 * each membership is a row of its own there. An ended membership stays ended
 * against older events (the row is kept, `until` set).
 */
async function applyMembership(em: EntityManager, e: EventEnvelope<string, HouseholdMembershipV1>, ended: boolean): Promise<void> {
  const p = e.payload;
  const values = { relation: p.relation, since: p.since, until: ended ? (p.until ?? p.since) : null };
  await upsertNewest(em, HouseholdMemberEntity, { householdId: p.householdId, personId: p.personId }, e, values);
}

export const householdProjectionHandlers: EventHandlers = {
  ...on(HouseholdRegistered, applyHousehold),
  ...on(HouseholdUpdated, applyHousehold),
  ...on(HouseholdMemberAdded, (em, e) => applyMembership(em, e, false)),
  ...on(HouseholdMemberRemoved, (em, e) => applyMembership(em, e, true)),
};
