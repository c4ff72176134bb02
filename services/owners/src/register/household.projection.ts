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
import { billLateHousehold } from '../fee/billing.service';
import { parseArea } from './area.rules';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';

/** Each household event carries the whole state: upsert it, newest `occurredAt` wins. */
async function applyHousehold(em: EntityManager, e: EventEnvelope<string, HouseholdStateV1>): Promise<void> {
  const p = e.payload;
  const asOf = new Date(e.occurredAt);
  const values = {
    compoundId: p.compoundId,
    communityId: p.communityId,
    building: p.building,
    unit: p.unit ?? null,
    room: p.room,
    areaHundredths: parseArea(p.areaSqm),
    registeredAt: new Date(p.registeredAt),
    asOf,
  };
  let row = await em.findOne(HouseholdEntity, { id: p.householdId });
  if (!row) row = em.create(HouseholdEntity, { id: p.householdId, ...values });
  else if (row.asOf.getTime() <= asOf.getTime()) em.assign(row, values);
  else return;
  // A household registered (or learnt of) after its compound's months were billed gets those bills too.
  await billLateHousehold(em, row);
}

async function applyMembership(em: EntityManager, e: EventEnvelope<string, HouseholdMembershipV1>, ended: boolean): Promise<void> {
  const p = e.payload;
  const asOf = new Date(e.occurredAt);
  const values = { relation: p.relation, since: p.since, until: ended ? (p.until ?? p.since) : null, asOf };
  const row = await em.findOne(HouseholdMemberEntity, { householdId: p.householdId, personId: p.personId });
  if (!row) em.create(HouseholdMemberEntity, { householdId: p.householdId, personId: p.personId, ...values });
  else if (row.asOf.getTime() <= asOf.getTime()) em.assign(row, values);
}

export const householdProjectionHandlers: EventHandlers = {
  ...on(HouseholdRegistered, applyHousehold),
  ...on(HouseholdUpdated, applyHousehold),
  ...on(HouseholdMemberAdded, (em, e) => applyMembership(em, e, false)),
  ...on(HouseholdMemberRemoved, (em, e) => applyMembership(em, e, true)),
};
