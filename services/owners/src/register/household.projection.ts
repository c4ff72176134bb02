import type { EntityManager } from '@mikro-orm/core';
import {
  changeOrderOf,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdRegistered,
  HouseholdUpdated,
  on,
  supersedes,
  type EventEnvelope,
  type EventHandlers,
  type HouseholdMembershipV1,
  type HouseholdStateV1,
} from '@linli/events';
import { billLateHousehold } from '../fee/billing.service';
import { parseArea } from './area.rules';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';

/** Each household event carries the whole state: upsert it, the newest by the producer's order wins. */
async function applyHousehold(em: EntityManager, e: EventEnvelope<string, HouseholdStateV1>): Promise<void> {
  const p = e.payload;
  const order = changeOrderOf(e);
  const values = {
    compoundId: p.compoundId,
    communityId: p.communityId,
    building: p.building,
    unit: p.unit ?? null,
    room: p.room,
    areaHundredths: parseArea(p.areaSqm),
    registeredAt: new Date(p.registeredAt),
    asOf: order.asOf,
    sequence: order.sequence,
  };
  let row = await em.findOne(HouseholdEntity, { id: p.householdId });
  if (!row) row = em.create(HouseholdEntity, { id: p.householdId, ...values });
  else if (supersedes(order, { sequence: row.sequence ?? null, asOf: row.asOf })) em.assign(row, values);
  else return;
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
  const order = changeOrderOf(e);
  const values = { relation: p.relation, since: p.since, until: ended ? (p.until ?? p.since) : null, asOf: order.asOf, sequence: order.sequence };
  const row = await em.findOne(HouseholdMemberEntity, { householdId: p.householdId, personId: p.personId });
  if (!row) em.create(HouseholdMemberEntity, { householdId: p.householdId, personId: p.personId, ...values });
  else if (supersedes(order, { sequence: row.sequence ?? null, asOf: row.asOf })) em.assign(row, values);
}

export const householdProjectionHandlers: EventHandlers = {
  ...on(HouseholdRegistered, applyHousehold),
  ...on(HouseholdUpdated, applyHousehold),
  ...on(HouseholdMemberAdded, (em, e) => applyMembership(em, e, false)),
  ...on(HouseholdMemberRemoved, (em, e) => applyMembership(em, e, true)),
};
