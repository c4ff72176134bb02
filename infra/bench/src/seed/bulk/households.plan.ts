import { AuditRecorded, createEnvelope, HouseholdMemberAdded, HouseholdRegistered, PersonPlaced, PersonRegistered, type EventEnvelope } from '@linli/events';
import { cstDate, householdState, importAuditSummary, IMPORT_COLUMNS, MAX_IMPORT_ROWS, membershipState, parseImport, type HouseholdRelation } from '@linli/organisations';
import { auditSummary } from '@linli/subgraph-kit';
import type { Caller } from '../../client';
import type { Random } from '../../random';
import type { Scale } from '../../scales';
import type { SeedWorld } from '../world';
import { seededUuid } from './plan';

// The district's register (一户一档, issue 13) as its staff would enter it:
// one `importHouseholds` file per compound, a few days before the history
// starts. Pure and deterministic for a seed. `importOf` turns a planned file
// into exactly what the import's write path stores and announces for it: the
// CSV goes through the import's own parser (`parseImport`, every rule of the
// single mutations), rows are shaped as `importHouseholds` creates them, and
// events come from the register's own payload builders.

export interface PlannedMember {
  personId: string;
  /** Null for a person already registered (the file matches them by phone and leaves the name out). */
  name: string | null;
  phone: string;
  partyMember: boolean;
  relation: HouseholdRelation;
  /** Registered before the import (a seeded resident): no new person, no new affiliation. */
  existing: boolean;
}

/** A planned household: what a later phase (fees, owners' decisions) needs to bill or poll it. */
export interface PlannedHousehold {
  id: string;
  compoundId: string;
  communityId: string;
  building: string;
  unit: string | null;
  room: string;
  /** 建筑面积 in hundredths of m² (the register's exact unit). */
  areaHundredths: number;
  /** The import's instant: every month from the next month's first day on is billed. */
  registeredAt: Date;
  /** The first member, always an OWNER. */
  ownerPersonId: string;
  members: PlannedMember[];
}

/** One `importHouseholds` call: a compound's households, by its community's staff, at one instant. */
export interface PlannedImport {
  compoundId: string;
  compoundName: string;
  communityId: string;
  communityIndex: number;
  staff: Caller;
  at: Date;
  /** The request's id (the gateway gives one per mutation). */
  correlationId: string;
  households: PlannedHousehold[];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建国志强丹萍鑫宇浩然欣怡子涵梓轩雨桐思源佳琪晨阳嘉怡俊杰婷婷';

const nameOf = (rnd: Random) => rnd.pick([...SURNAMES]) + rnd.pick([...GIVEN]) + (rnd.chance(0.7) ? rnd.pick([...GIVEN]) : '');

/** Members per household: 1–4, mostly two or three. */
function memberCount(rnd: Random): number {
  const r = rnd.next();
  return r < 0.2 ? 1 : r < 0.55 ? 2 : r < 0.85 ? 3 : 4;
}

/** Who the members after the owner are: a spouse co-owns an owner-occupied flat, the rest are family; a let flat's others are tenants. */
function relationsOf(rnd: Random, n: number): HouseholdRelation[] {
  const let_ = rnd.chance(0.12);
  return [...Array(n).keys()].map((i): HouseholdRelation => (i === 0 ? 'OWNER' : let_ ? 'TENANT' : i === 1 && rnd.chance(0.6) ? 'CO_OWNER' : 'FAMILY'));
}

/**
 * Addresses of a compound: buildings of `units` units × `floors` floors ×
 * `perFloor` rooms, numbered as in Xi'an (`1栋2单元1502室`, or `3栋502室`
 * without units); the n-th household takes the n-th dwelling, so a compound
 * holds each address once.
 */
function layout(rnd: Random) {
  const units = rnd.int(1, 3);
  const floors = rnd.int(6, 18);
  const perFloor = rnd.int(2, 4);
  return (n: number) => {
    const perBuilding = units * floors * perFloor;
    const building = Math.floor(n / perBuilding) + 1;
    const inBuilding = n % perBuilding;
    const unit = Math.floor(inBuilding / (floors * perFloor)) + 1;
    const inUnit = inBuilding % (floors * perFloor);
    const room = (Math.floor(inUnit / perFloor) + 1) * 100 + (inUnit % perFloor) + 1;
    return { building: String(building), unit: units > 1 ? String(unit) : null, room: String(room) };
  };
}

/**
 * Every compound's register, imported between `from` and `to` (one file per
 * compound, evenly spread, to the second). Each household has 1–4 members,
 * the first an OWNER; the community's seeded residents own its first
 * households (round-robin over its compounds), everyone else is a new person
 * with a `136…` phone (the territory's people have `139…`).
 */
export function planHouseholds(
  world: Pick<SeedWorld, 'communities'>,
  scale: Pick<Scale, 'householdsPerCompound'>,
  rnd: Random,
  window: { from: Date; to: Date },
  /** The party membership the register holds for each seeded resident: a file restates it, so the import changes no person. */
  residentParty: ReadonlyMap<string, boolean>,
): PlannedImport[] {
  const compounds = world.communities.flatMap((c, ci) => c.compounds.map((k, ki) => ({ community: c, ci, compound: k, ki })));
  const span = window.to.getTime() - window.from.getTime();
  let phones = 0;
  return compounds.map(({ community, ci, compound, ki }, i): PlannedImport => {
    const at = new Date(Math.floor((window.from.getTime() + (i * span) / compounds.length) / 1000) * 1000);
    const address = layout(rnd);
    const households = [...Array(scale.householdsPerCompound).keys()].map((n): PlannedHousehold => {
      // Resident r owns household ⌊r / K⌋ of compound r mod K.
      const resident = community.residents[n * community.compounds.length + ki];
      const relations = relationsOf(rnd, memberCount(rnd));
      const members = relations.map((relation, m): PlannedMember => {
        if (m === 0 && resident) {
          const partyMember = residentParty.get(resident.id);
          if (partyMember === undefined) throw new Error(`The register does not hold resident ${resident.id}`);
          return { personId: resident.id, name: null, phone: resident.phone, partyMember, relation, existing: true };
        }
        const phone = `136${String(++phones).padStart(8, '0')}`;
        if (phones >= 1e8) throw new Error('More than 10^8 household members: the 136 numbering is full');
        return { personId: seededUuid(rnd), name: nameOf(rnd), phone, partyMember: rnd.chance(0.08), relation, existing: false };
      });
      return {
        id: seededUuid(rnd),
        compoundId: compound.id,
        communityId: community.id,
        ...address(n),
        // 45–160 m², to the hundredth.
        areaHundredths: rnd.int(4_500, 16_000),
        registeredAt: at,
        ownerPersonId: members[0].personId,
        members,
      };
    });
    return { compoundId: compound.id, compoundName: compound.name, communityId: community.id, communityIndex: ci, staff: community.staff, at, correlationId: seededUuid(rnd), households };
  });
}

/** The file a compound's staff would upload (header in the contract's order; one line per member). */
export function importCsv(imp: PlannedImport): string {
  const cells = (v: (string | null)[]) => v.map((x) => x ?? '').join(',');
  const lines = imp.households.flatMap((h) =>
    h.members.map((m) => cells([imp.compoundName, h.building, h.unit, h.room, areaOf(h.areaHundredths), m.name, m.phone, m.partyMember ? 'true' : 'false', m.relation])),
  );
  return [IMPORT_COLUMNS.join(','), ...lines].join('\n');
}

const areaOf = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

export interface HouseholdRow {
  id: string;
  compoundId: string;
  communityId: string;
  building: string;
  unit: string | null;
  unitKey: string;
  room: string;
  areaHundredths: number;
  gridId: string | null;
  createdAt: Date;
  /** Its change number (`sequence` of its events). */
  version: number;
}
export interface PersonRow {
  id: string;
  name: string;
  phone: string;
  phoneTail: string;
  partyMember: boolean;
  createdAt: Date;
}
export interface AffiliationRow {
  personId: string;
  organisationId: string;
  source: 'REGISTERED';
  ref: string;
  until: null;
}
export interface MemberRow {
  id: string;
  householdId: string;
  personId: string;
  relation: HouseholdRelation;
  since: string;
  until: null;
  createdAt: Date;
}

/** What the organisations service keeps of its last announcement of a person (the kit's `person_placement` row). */
export interface PlacementRow {
  personId: string;
  /** JSON array of organisation ids, sorted. */
  organisationIds: string;
  asOf: Date;
}

export interface ImportMade {
  households: HouseholdRow[];
  people: PersonRow[];
  affiliations: AffiliationRow[];
  placements: PlacementRow[];
  members: MemberRow[];
  /** In the order the import records them (per line: household, person, membership), then its audit entry. */
  events: EventEnvelope[];
}

/**
 * What `importHouseholds` stores and announces for a planned file into a
 * compound with no register yet: the file is parsed and checked by the
 * import's own `parseImport` (a row it refuses throws: the seed never writes
 * what the service would not), then each line makes what the write path's
 * new-household / new-person / new-membership branches make, with the same
 * events (`householdState`, `membershipState`, PersonRegistered without a
 * phone, PersonPlaced for each new person, kept as its last announcement)
 * and the one audit entry of the call.
 */
export function importOf(imp: PlannedImport, communityAncestorIds: string[], rnd: Random): ImportMade {
  const parsed = parseImport(importCsv(imp));
  if (parsed.errors.length) throw new Error(`The planned import of compound ${imp.compoundId} has errors: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const lines = imp.households.flatMap((h) => h.members.map((m) => ({ h, m })));
  if (parsed.rows.length !== lines.length || lines.length > MAX_IMPORT_ROWS) throw new Error(`The planned import of compound ${imp.compoundId} has ${lines.length} lines, the parser read ${parsed.rows.length}`);
  const now = imp.at;
  const meta = () => ({ id: seededUuid(rnd), source: 'organisations', correlationId: imp.correlationId, causationId: null, occurredAt: now, traceparent: null });
  const since = cstDate(now);
  const place = { communityAncestorIds };
  const made: ImportMade = { households: [], people: [], affiliations: [], placements: [], members: [], events: [] };
  const householdOf = new Map<string, HouseholdRow>();
  parsed.rows.forEach((row, i) => {
    const { h, m } = lines[i];
    let household = householdOf.get(h.id);
    if (!household) {
      household = {
        id: h.id,
        compoundId: imp.compoundId,
        communityId: imp.communityId,
        building: row.building,
        unit: row.unit,
        unitKey: row.unit ?? '',
        room: row.room,
        areaHundredths: row.areaHundredths,
        gridId: null,
        createdAt: now,
        // The household's change number: 1 registered, +1 per membership (as the import counts them).
        version: 1,
      };
      householdOf.set(h.id, household);
      made.households.push(household);
      made.events.push(createEnvelope(HouseholdRegistered, householdState(household, place), meta()));
    }
    const member = row.member!;
    if (!m.existing) {
      // The person's row as the import creates it (the entity's hook keeps the phone's tail; here it is set the same way).
      made.people.push({ id: m.personId, name: member.name!, phone: member.phone, phoneTail: member.phone.slice(-4), partyMember: member.partyMember, createdAt: now });
      made.affiliations.push({ personId: m.personId, organisationId: imp.communityId, source: 'REGISTERED', ref: 'registered', until: null });
      made.events.push(createEnvelope(PersonRegistered, { personId: m.personId, name: member.name!, organisationId: imp.communityId }, meta()));
    }
    const membership: MemberRow = { id: seededUuid(rnd), householdId: h.id, personId: m.personId, relation: member.relation, since, until: null, createdAt: now };
    made.members.push(membership);
    household.version += 1;
    made.events.push(createEnvelope(HouseholdMemberAdded, membershipState(membership, household), meta()));
  });
  // The import announces where each new person is placed (their community), once, after its lines.
  for (const person of made.people) {
    made.events.push(createEnvelope(PersonPlaced, { personId: person.id, organisationIds: [imp.communityId], asOf: now.toISOString() }, meta()));
    made.placements.push({ personId: person.id, organisationIds: JSON.stringify([imp.communityId]), asOf: now });
  }
  const summary = importAuditSummary({ rows: parsed.rows.length, householdsCreated: made.households.length, householdsUpdated: 0, peopleCreated: made.people.length });
  made.events.push(
    createEnvelope(
      AuditRecorded.organisations,
      {
        at: now.toISOString(),
        actorId: imp.staff.sub,
        roles: [...(imp.staff.roles ?? [])],
        actorOrgIds: [...(imp.staff.orgs ?? [])],
        service: 'organisations',
        action: 'importHouseholds',
        subjectType: 'Community',
        subjectId: imp.communityId,
        // As the audit trail records a resolver's note (phones masked, shortened).
        summary: auditSummary(summary),
      },
      meta(),
    ),
  );
  return made;
}
