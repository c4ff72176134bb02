import type { EntityManager } from '@mikro-orm/core';
import { HouseholdMemberAdded, HouseholdMemberRemoved, HouseholdRegistered, HouseholdUpdated, recordEvent } from '@linli/events';
import type { Command } from '@linli/subgraph-kit';
import type { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { areaText } from './household.rules';
import type { PlacedCompound } from './household.scope';

// The register's events carry ids, territory, area and relation: never names or phones.
// Each carries the household's change number (`sequence`, its `version`): a
// change of the household or of one of its memberships counts one (the caller
// counts it first), so copies order a person leaving and rejoining as well as
// a correction of the area.

/** A household's whole state as its events carry it (the district seed builds the same payloads in bulk). */
export const householdState = (
  h: Pick<HouseholdEntity, 'id' | 'compoundId' | 'communityId' | 'building' | 'unit' | 'room' | 'areaHundredths' | 'gridId' | 'createdAt' | 'version'>,
  place: Pick<PlacedCompound, 'communityAncestorIds'>,
) => ({
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
  sequence: h.version,
});

/** A household just created: its first change (version 1). */
export const householdRegistered = (em: EntityManager, cmd: Command, h: HouseholdEntity, place: Pick<PlacedCompound, 'communityAncestorIds'>) =>
  recordEvent(em, HouseholdRegistered, householdState(h, place), cmd.event);

export const householdUpdated = (em: EntityManager, cmd: Command, h: HouseholdEntity, place: Pick<PlacedCompound, 'communityAncestorIds'>) =>
  recordEvent(em, HouseholdUpdated, householdState(h, place), cmd.event);

/** A membership as its events carry it, numbered by its household's change number. */
export const membershipState = (m: Pick<HouseholdMemberEntity, 'householdId' | 'personId' | 'relation' | 'since' | 'until'>, h: Pick<HouseholdEntity, 'compoundId' | 'version'>) => ({
  householdId: m.householdId,
  compoundId: h.compoundId,
  personId: m.personId,
  relation: m.relation,
  since: m.since,
  until: m.until,
  sequence: h.version,
});

export const memberAdded = (em: EntityManager, cmd: Command, m: HouseholdMemberEntity, h: HouseholdEntity) =>
  recordEvent(em, HouseholdMemberAdded, membershipState(m, h), cmd.event);

export const memberRemoved = (em: EntityManager, cmd: Command, m: HouseholdMemberEntity, h: HouseholdEntity) =>
  recordEvent(em, HouseholdMemberRemoved, membershipState(m, h), cmd.event);
