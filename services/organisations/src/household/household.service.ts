import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, conflict, cstDateOf, forbidden, notFound } from '@linli/platform';
import { countChange, flushOrConflict, mayNamePerson, sqlRows, type Command } from '@linli/subgraph-kit';
import { GridNodeEntity } from '../projection/territory.entity';
import { PersonAffiliationEntity, PersonEntity } from '../person/person.entity';
import { placedAffiliations } from '../person/person.loaders';
import { announcePlacement } from '../person/person.affiliations';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { householdRegistered, memberAdded, memberRemoved } from './household.events';
import { checkAddressPart, checkArea, checkOptionalUnit, checkUntil, type HouseholdRelation } from './household.rules';
import { compoundForWrite, type PlacedCompound } from './household.scope';
import type { AddHouseholdMemberInput, RegisterHouseholdInput } from './household.type';

/** A household's grid must be an active grid of its compound. */
export async function checkHouseholdGrid(em: EntityManager, compoundId: string, gridId: string | null | undefined): Promise<string | null> {
  if (!gridId) return null;
  const grid = await em.findOne(GridNodeEntity, { id: gridId });
  if (!grid || grid.compoundId !== compoundId) throw badInput('gridId', 'gridId must be a grid of that compound');
  if (grid.retiredAt) throw badInput('gridId', 'gridId is a retired grid');
  return grid.id;
}

/** `registerHousehold`: one dwelling, once per (building, unit, room) of a compound (CONFLICT otherwise). */
export async function registerHousehold(em: EntityManager, cmd: Command, input: RegisterHouseholdInput): Promise<HouseholdEntity> {
  const place = await compoundForWrite(em, cmd.actor, input.compoundId);
  const building = checkAddressPart('building', input.building);
  const unit = checkOptionalUnit(input.unit);
  const room = checkAddressPart('room', input.room);
  const areaHundredths = checkArea('areaSqm', input.areaSqm);
  const gridId = await checkHouseholdGrid(em, place.compound.id, input.gridId);
  const taken = 'This dwelling is already registered in the compound';
  if (await em.count(HouseholdEntity, { compoundId: place.compound.id, building, unitKey: unit ?? '', room })) throw conflict(taken);
  const household = em.create(HouseholdEntity, {
    id: randomUUID(),
    compoundId: place.compound.id,
    communityId: place.community.id,
    building,
    unit,
    unitKey: unit ?? '',
    room,
    areaHundredths,
    gridId,
    createdAt: cmd.now,
  });
  // Two registrations racing past the check above: the unique (compound, building, unit, room) index refuses the later one.
  await flushOrConflict(em, taken);
  householdRegistered(em, cmd, household, place);
  return household;
}

/** The household a write targets, with its compound placed and the caller's right to write there checked. */
export async function householdForWrite(em: EntityManager, cmd: Command, householdId: string): Promise<{ household: HouseholdEntity; place: PlacedCompound }> {
  const household = await em.findOne(HouseholdEntity, { id: householdId });
  if (!household) throw notFound('Household');
  return { household, place: await compoundForWrite(em, cmd.actor, household.compoundId) };
}

/** The affiliation a household membership gives, one per community. */
export const householdRef = (communityId: string) => `household:${communityId}`;

/** Puts a member in the household's community scope (their phone is the community's to see while the membership lasts). */
export async function affiliateMember(em: EntityManager, personId: string, communityId: string): Promise<void> {
  if (await em.count(PersonAffiliationEntity, { personId, organisationId: communityId })) return;
  // One household affiliation per community (ref), however many dwellings there: it ends with the last membership.
  em.create(PersonAffiliationEntity, { personId, organisationId: communityId, source: 'HOUSEHOLD', ref: householdRef(communityId), until: null });
}

/** Starts a membership and records its event (the caller checked the person may be named, and counted the household's change). */
export function startMembership(em: EntityManager, cmd: Command, household: HouseholdEntity, personId: string, relation: HouseholdRelation, since: string) {
  const member = em.create(HouseholdMemberEntity, {
    id: randomUUID(),
    householdId: household.id,
    personId,
    relation,
    since,
    until: null,
    createdAt: cmd.now,
  });
  memberAdded(em, cmd, member, household);
  return member;
}

/** `addHouseholdMember`: the person must be nameable by the caller; one current membership per person and household. */
export async function addHouseholdMember(em: EntityManager, cmd: Command, input: AddHouseholdMemberInput): Promise<HouseholdEntity> {
  const { household, place } = await householdForWrite(em, cmd, input.householdId);
  const person = await em.findOne(PersonEntity, { id: input.personId });
  if (!person) throw notFound('Person');
  const affiliations = (await placedAffiliations(em, [person.id], cstDateOf(cmd.now))).get(person.id) ?? [];
  if (!mayNamePerson(cmd.actor, affiliations)) throw forbidden();
  if (await em.count(HouseholdMemberEntity, { householdId: household.id, personId: person.id, until: null })) {
    throw conflict('The person is already a member of this household');
  }
  await countChange(em, household);
  startMembership(em, cmd, household, person.id, input.relation, input.since);
  await affiliateMember(em, person.id, place.community.id);
  // Grids and tickets learn where the person is placed now (they refuse writes naming people out of scope).
  await announcePlacement(em, person.id, cmd.event, cstDateOf(cmd.now));
  return household;
}

/**
 * `removeHouseholdMember`: ends the membership on `until` (the row stays:
 * history). A membership that no longer lasts in the community stops
 * widening who sees the person's phone (contract "Corrections").
 */
export async function removeHouseholdMember(em: EntityManager, cmd: Command, householdId: string, personId: string, until: string): Promise<HouseholdEntity> {
  const { household, place } = await householdForWrite(em, cmd, householdId);
  const member = await em.findOne(HouseholdMemberEntity, { householdId: household.id, personId, until: null });
  if (!member) throw notFound('Household member');
  checkUntil(member.since, until);
  member.until = until;
  await countChange(em, household);
  memberRemoved(em, cmd, member, household);
  await em.flush();
  const stillThere = await sqlRows<{ n: number | string }>(
    em,
    `select count(*) as n from household_member m join household h on h.id = m.household_id
      where m.person_id = ? and m.until is null and h.community_id = ?`,
    [personId, place.community.id],
  );
  if (Number(stillThere[0].n) === 0) {
    await em.nativeDelete(PersonAffiliationEntity, { personId, organisationId: place.community.id, source: 'HOUSEHOLD' });
    await announcePlacement(em, personId, cmd.event, cstDateOf(cmd.now));
  }
  return household;
}
