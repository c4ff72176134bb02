import { randomUUID } from 'node:crypto';
import { OptimisticLockError, type EntityManager } from '@mikro-orm/core';
import { chunked, cstDateOf, forbidden, hasRole } from '@linli/platform';
import { PersonRegistered, recordEvent } from '@linli/events';
import { mayNamePerson, type Command } from '@linli/subgraph-kit';
import { organisationInScope, requireKind } from '../organisation/organisation.scope';
import { ancestorsOf } from '../organisation/organisation.entity';
import { PersonAffiliationEntity, PersonEntity } from '../person/person.entity';
import { placedAffiliations } from '../person/person.loaders';
import { announceIfChanged, lastAnnounced } from '../person/person.affiliations';
import type { PlacedAffiliation } from '../person/person.rules';
import { CompoundNodeEntity } from '../projection/territory.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { householdRegistered, householdUpdated, memberRemoved } from './household.events';
import { REGISTER_WRITERS, addressKey, cstDate } from './household.rules';
import { householdRef, startMembership } from './household.service';
import { MAX_REPORTED_ERRORS, parseImport, type ImportError, type ImportRow } from './import.rules';

export interface ImportHouseholdsRequest {
  communityId: string;
  csv: string;
  dryRun?: boolean | null;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  householdsCreated: number;
  householdsUpdated: number;
  peopleCreated: number;
  errors: ImportError[];
}

/** The import's one audit entry (contract: "The import is audited as one entry"). */
export const importAuditSummary = (r: Pick<ImportResult, 'rows' | 'householdsCreated' | 'householdsUpdated' | 'peopleCreated'>) =>
  `importHouseholds: ${r.rows} rows, ${r.householdsCreated} households created, ${r.householdsUpdated} updated, ${r.peopleCreated} people created`;

/** Reports how far a long import got (the command line draws a progress bar from it). */
export type ImportProgress = (done: number, total: number) => void;

const CHUNK = 500;
async function inChunks<T, R>(items: readonly T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunked(items, CHUNK)) out.push(...(await load(chunk)));
  return out;
}

/**
 * `importHouseholds`: a community's register from CSV, all or nothing. Every
 * row is checked first (file rules, then what the database knows: compounds
 * by name, people by phone and whether the caller may name them); any error
 * and nothing is written. Otherwise households are matched by address and
 * people by phone, so importing the same file twice changes nothing the
 * second time. Runs inside the caller's transaction: the whole file commits
 * with its events, or none of it does.
 */
export async function importHouseholds(em: EntityManager, cmd: Command, input: ImportHouseholdsRequest, onProgress?: ImportProgress): Promise<ImportResult> {
  const { actor } = cmd;
  if (!hasRole(actor, ...REGISTER_WRITERS)) throw forbidden();
  const community = await organisationInScope(em, actor, input.communityId, 'Community');
  requireKind(community, 'communityId', ['COMMUNITY']);
  const dryRun = !!input.dryRun;
  const parsed = parseImport(input.csv);
  const errors = [...parsed.errors];
  const rowCount = parsed.rows.length + parsed.errors.length;
  const fail = () => ({ dryRun, rows: rowCount, householdsCreated: 0, householdsUpdated: 0, peopleCreated: 0, errors: sortErrors(errors) });

  // Compounds by name within the community (this subgraph's copy of grids' compounds).
  const compounds = await em.find(CompoundNodeEntity, { communityId: community.id });
  const byName = new Map<string, CompoundNodeEntity[]>();
  for (const c of compounds) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const rows: (ImportRow & { compoundId: string })[] = [];
  for (const row of parsed.rows) {
    const found = byName.get(row.compound) ?? [];
    if (found.length !== 1) {
      errors.push({ line: row.line, column: 'compound', message: found.length ? 'two compounds of the community have this name' : 'no compound of this name in the community' });
    } else {
      rows.push({ ...row, compoundId: found[0].id });
    }
  }

  // People by phone: an existing person must be nameable by the caller (a write never pulls a person into a scope).
  const phones = [...new Set(rows.flatMap((r) => (r.member ? [r.member.phone] : [])))];
  const people = await inChunks(phones, (chunk) => em.find(PersonEntity, { phone: { $in: chunk } }));
  const personByPhone = new Map(people.map((p) => [p.phone, p]));
  const placed = new Map<string, PlacedAffiliation[]>();
  for (const chunk of chunked(people, CHUNK)) {
    for (const [id, list] of await placedAffiliations(em, chunk.map((p) => p.id), cstDateOf(cmd.now))) placed.set(id, [...list]);
  }
  for (const row of rows) {
    const m = row.member;
    if (!m) continue;
    const person = personByPhone.get(m.phone);
    if (person && !mayNamePerson(actor, placed.get(person.id) ?? [])) {
      errors.push({ line: row.line, column: 'ownerPhone', message: "this phone belongs to a person outside the caller's scope" });
    } else if (!person && !m.name) {
      errors.push({ line: row.line, column: 'ownerName', message: 'ownerName is required for a person not yet registered' });
    }
  }
  if (errors.length) return fail();

  // Existing dwellings of the compounds named, and their current members.
  const compoundIds = [...new Set(rows.map((r) => r.compoundId))];
  const existing = await em.find(HouseholdEntity, { compoundId: { $in: compoundIds } });
  const householdByKey = new Map(existing.map((h) => [addressKey(h.compoundId, h.building, h.unit, h.room), h]));
  const current = await inChunks(existing.map((h) => h.id), (chunk) => em.find(HouseholdMemberEntity, { householdId: { $in: chunk }, until: null }));
  const memberOf = new Map(current.map((m) => [`${m.householdId}\u0000${m.personId}`, m]));
  // What was read is only looked up from here on: detached, so the commit does
  // not diff thousands of unchanged rows. The few changes to existing rows are
  // written with native updates below; new rows go through the unit of work.
  em.clear();
  // Each change of a household counts one (`sequence` of its event) in memory here: a new household's
  // number is inserted with it, an existing one's written at the end over the number read.
  const versionRead = new Map(existing.map((h) => [h.id, h.version]));
  const counted = (h: HouseholdEntity) => (h.version += 1);
  const personChanged = new Set<PersonEntity>();
  /** People this import places somewhere new: announced once each at the end, as registerPerson and addHouseholdMember do. */
  const placementChanged = new Set<string>();
  const ended: HouseholdMemberEntity[] = [];

  const since = cstDate(cmd.now);
  const place = { communityAncestorIds: ancestorsOf(community.path) };
  const created = new Set<string>();
  const updated = new Set<string>();
  const newPeople = new Map<string, PersonEntity>();
  let done = 0;
  for (const row of rows) {
    const key = addressKey(row.compoundId, row.building, row.unit, row.room);
    let household = householdByKey.get(key);
    if (!household) {
      household = em.create(HouseholdEntity, {
        id: randomUUID(),
        compoundId: row.compoundId,
        communityId: community.id,
        building: row.building,
        unit: row.unit,
        unitKey: row.unit ?? '',
        room: row.room,
        areaHundredths: row.areaHundredths,
        gridId: null,
        createdAt: cmd.now,
      });
      householdByKey.set(key, household);
      created.add(household.id);
      if (!dryRun) householdRegistered(em, cmd, household, place);
    } else if (household.areaHundredths !== row.areaHundredths) {
      household.areaHundredths = row.areaHundredths;
      if (!created.has(household.id)) {
        updated.add(household.id);
      }
    }
    if (row.member) {
      const m = row.member;
      let person = personByPhone.get(m.phone);
      if (!person) {
        person = em.create(PersonEntity, { id: randomUUID(), name: m.name!, phone: m.phone, partyMember: m.partyMember, createdAt: cmd.now });
        em.create(PersonAffiliationEntity, { personId: person.id, organisationId: community.id, source: 'REGISTERED', ref: 'registered', until: null });
        personByPhone.set(m.phone, person);
        newPeople.set(person.id, person);
        placed.set(person.id, [{ organisationId: community.id, ancestorIds: place.communityAncestorIds }]);
        placementChanged.add(person.id);
        if (!dryRun) recordEvent(em, PersonRegistered, { personId: person.id, name: person.name, organisationId: community.id }, cmd.event);
      } else if (!newPeople.has(person.id) && ((m.name && person.name !== m.name) || person.partyMember !== m.partyMember)) {
        // Matched by phone: the file's name and party membership are the register's current word.
        if (m.name) person.name = m.name;
        person.partyMember = m.partyMember;
        personChanged.add(person);
        if (!created.has(household.id)) updated.add(household.id);
      }
      const memberKey = `${household.id}\u0000${person.id}`;
      const membership = memberOf.get(memberKey);
      if (!membership || membership.relation !== m.relation) {
        if (membership) {
          membership.until = since;
          ended.push(membership);
          if (!dryRun) {
            counted(household);
            memberRemoved(em, cmd, membership, household);
          }
        }
        if (!dryRun) counted(household);
        const started = dryRun ? null : startMembership(em, cmd, household, person.id, m.relation, since);
        if (started) memberOf.set(memberKey, started);
        if (!created.has(household.id)) updated.add(household.id);
        const known = placed.get(person.id);
        if (known && !known.some((a) => a.organisationId === community.id)) {
          known.push({ organisationId: community.id, ancestorIds: place.communityAncestorIds });
          placementChanged.add(person.id);
          if (!dryRun) em.create(PersonAffiliationEntity, { personId: person.id, organisationId: community.id, source: 'HOUSEHOLD', ref: householdRef(community.id), until: null });
        }
      }
    }
    onProgress?.(++done, rows.length);
  }
  if (!dryRun) {
    for (const h of existing) {
      if (!updated.has(h.id)) continue;
      counted(h);
      householdUpdated(em, cmd, h, place);
      // The changes the events above counted (memberships, area), written only over the version read: a
      // concurrent change of the household since then fails the import (CONFLICT) rather than share numbers.
      const written = await em.nativeUpdate(HouseholdEntity, { id: h.id, version: versionRead.get(h.id) }, { areaHundredths: h.areaHundredths, version: h.version });
      if (written !== 1) throw OptimisticLockError.lockFailed(h);
    }
    for (const p of personChanged) await em.nativeUpdate(PersonEntity, { id: p.id }, { name: p.name, partyMember: p.partyMember });
    for (const m of ended) await em.nativeUpdate(HouseholdMemberEntity, { id: m.id }, { until: m.until });
    // Grids and tickets learn where the new and newly placed people are, so staff of the community can name them.
    const announced = await lastAnnounced(em, [...placementChanged]);
    for (const personId of placementChanged) {
      announceIfChanged(em, personId, announced.get(personId) ?? null, (placed.get(personId) ?? []).map((a) => a.organisationId), cmd.event);
    }
  }
  const result = { dryRun, rows: rowCount, householdsCreated: created.size, householdsUpdated: updated.size, peopleCreated: newPeople.size, errors: [] };
  // A dry run computed the same counts on entities it must not keep.
  if (dryRun) em.clear();
  return result;
}

const sortErrors = (errors: ImportError[]) =>
  errors.sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? '')).slice(0, MAX_REPORTED_ERRORS);
