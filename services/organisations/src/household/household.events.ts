import type { EntityManager } from '@mikro-orm/core';
import { HouseholdMemberAdded, HouseholdMemberRemoved, HouseholdRegistered, HouseholdUpdated, recordEvent } from '@linli/events';
import type { Command } from '@linli/subgraph-kit';
import type { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { areaText } from './household.rules';
import type { PlacedCompound } from './household.scope';

// The register's events carry ids, territory, area and relation: never names or phones.

const state = (h: HouseholdEntity, place: Pick<PlacedCompound, 'communityAncestorIds'>) => ({
  householdId: h.id,
  compoundId: h.compoundId,
  communityId: h.communityId,
  communityAncestorIds: place.communityAncestorIds,
  building: h.building,
  unit: h.unit,
  room: h.room,
  areaSqm: areaText(h.areaHundredths),
  gridId: h.gridId,
  registeredAt: h.createdAt.toISOString(),
});

export const householdRegistered = (em: EntityManager, cmd: Command, h: HouseholdEntity, place: Pick<PlacedCompound, 'communityAncestorIds'>) =>
  recordEvent(em, HouseholdRegistered, state(h, place), cmd.event);

export const householdUpdated = (em: EntityManager, cmd: Command, h: HouseholdEntity, place: Pick<PlacedCompound, 'communityAncestorIds'>) =>
  recordEvent(em, HouseholdUpdated, state(h, place), cmd.event);

const membership = (m: HouseholdMemberEntity, compoundId: string) => ({
  householdId: m.householdId,
  compoundId,
  personId: m.personId,
  relation: m.relation,
  since: m.since,
  until: m.until,
});

export const memberAdded = (em: EntityManager, cmd: Command, m: HouseholdMemberEntity, compoundId: string) =>
  recordEvent(em, HouseholdMemberAdded, membership(m, compoundId), cmd.event);

export const memberRemoved = (em: EntityManager, cmd: Command, m: HouseholdMemberEntity, compoundId: string) =>
  recordEvent(em, HouseholdMemberRemoved, membership(m, compoundId), cmd.event);
