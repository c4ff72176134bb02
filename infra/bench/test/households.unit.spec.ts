import { HouseholdMemberAdded, HouseholdRegistered, PersonPlaced, PersonRegistered, type HouseholdMembershipV1, type HouseholdStateV1 } from '@linli/events';
import { addressKey } from '@linli/organisations';
import { Random } from '../src/random';
import { seededUuid } from '../src/seed/bulk/plan';
import { importCsv, importOf, planHouseholds } from '../src/seed/bulk/households.plan';
import { IMPORT_EVENTS } from '../src/seed/bulk/households';
import type { SeedWorld } from '../src/seed/world';

/** Three communities of four compounds, five residents each (ids made up: the plan only references them). */
function world(): Pick<SeedWorld, 'communities'> {
  const rnd = new Random(5);
  const id = () => seededUuid(rnd);
  return {
    communities: [0, 1, 2].map((ci) => {
      const communityId = id();
      return {
        id: communityId,
        streetId: id(),
        staff: { sub: `seed-staff-${ci}`, roles: ['COMMUNITY_STAFF'], orgs: [communityId] },
        areaGridId: id(),
        compounds: [0, 1, 2, 3].map((k) => ({ id: id(), name: `社区${ci + 1}第${k + 1}小区`, communityId, firmId: null, gridIds: [id()] })),
        residents: [0, 1, 2, 3, 4].map((r) => ({ id: id(), phone: `1390000${ci}${r}00` })),
        gridWorkers: [],
        serviceItemId: null,
      };
    }),
  };
}

const FROM = new Date('2026-01-21T00:00:00Z');
const TO = new Date('2026-01-31T00:00:00Z');
const plan = (seed = 1, w = world()) => {
  const party = new Map(w.communities.flatMap((c) => c.residents.map((r, i) => [r.id, i === 0] as const)));
  return planHouseholds(w, { householdsPerCompound: 40 }, new Random(seed), { from: FROM, to: TO }, party);
};

describe('the register plan (planHouseholds)', () => {
  const w = world();
  const imports = plan(1, w);
  const households = imports.flatMap((i) => i.households);

  it('plans one import per compound, in time order inside the window, each household with 1–4 members led by an OWNER', () => {
    expect(imports).toHaveLength(12);
    expect(households).toHaveLength(12 * 40);
    const times = imports.map((i) => i.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(FROM.getTime());
    expect(times.at(-1)!).toBeLessThan(TO.getTime());
    for (const h of households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(4);
      expect(h.members[0].relation).toBe('OWNER');
      expect(h.ownerPersonId).toBe(h.members[0].personId);
      expect(h.areaHundredths).toBeGreaterThanOrEqual(4_500);
      expect(h.areaHundredths).toBeLessThanOrEqual(16_000);
    }
    const sizes = new Set(households.map((h) => h.members.length));
    expect([...sizes].sort()).toEqual([1, 2, 3, 4]);
    const relations = new Set(households.flatMap((h) => h.members.map((m) => m.relation)));
    expect([...relations].sort()).toEqual(['CO_OWNER', 'FAMILY', 'OWNER', 'TENANT']);
  });

  it('gives every household an address its compound holds once, and every new person a phone nobody else has', () => {
    const keys = households.map((h) => addressKey(h.compoundId, h.building, h.unit, h.room));
    expect(new Set(keys).size).toBe(keys.length);
    const people = households.flatMap((h) => h.members.filter((m) => !m.existing));
    expect(new Set(people.map((p) => p.phone)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.personId)).size).toBe(people.length);
    expect(people.every((p) => /^136\d{8}$/.test(p.phone) && p.name)).toBe(true);
  });

  it("makes every seeded resident the owner of one of their community's households, restating their party membership", () => {
    for (const c of w.communities) {
      const owners = households.filter((h) => h.communityId === c.id && h.members[0].existing);
      expect(owners.map((h) => h.ownerPersonId).sort()).toEqual(c.residents.map((r) => r.id).sort());
      expect(owners.find((h) => h.ownerPersonId === c.residents[0].id)!.members[0].partyMember).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    expect(plan(1)).toEqual(imports);
    expect(plan(2)).not.toEqual(imports);
  });

  it('refuses to plan a resident the register does not hold', () => {
    expect(() => planHouseholds(w, { householdsPerCompound: 2 }, new Random(1), { from: FROM, to: TO }, new Map())).toThrow(/does not hold resident/);
  });
});

describe('an import as the write path makes it (importOf)', () => {
  const imp = plan()[0];
  const ancestors = ['district', 'street'];
  const made = importOf(imp, ancestors, new Random(9));
  const members = imp.households.flatMap((h) => h.members);

  it('reads back through the import parser line for line', () => {
    const csv = importCsv(imp).split('\n');
    expect(csv[0]).toBe('compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation');
    expect(csv).toHaveLength(members.length + 1);
  });

  it('makes a household row per dwelling, a person and a REGISTERED affiliation per new person, a current membership per line', () => {
    expect(made.households.map((h) => h.id)).toEqual(imp.households.map((h) => h.id));
    expect(made.households.every((h) => h.createdAt === imp.at && h.gridId === null && h.unitKey === (h.unit ?? ''))).toBe(true);
    const fresh = members.filter((m) => !m.existing);
    expect(made.people.map((p) => p.id)).toEqual(fresh.map((m) => m.personId));
    expect(made.people.every((p) => p.phoneTail === p.phone.slice(-4))).toBe(true);
    expect(made.affiliations).toEqual(fresh.map((m) => ({ personId: m.personId, organisationId: imp.communityId, source: 'REGISTERED', ref: 'registered', until: null })));
    expect(made.members).toHaveLength(members.length);
    // Memberships begin on the import's day in China time.
    const cst = new Date(imp.at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(made.members.every((m) => m.since === cst && m.until === null)).toBe(true);
  });

  it("announces them with the register's payloads, then one audit entry without phones", () => {
    const types = made.events.map((e) => e.type);
    expect(types.filter((t) => t === HouseholdRegistered.type)).toHaveLength(imp.households.length);
    expect(types.filter((t) => t === HouseholdMemberAdded.type)).toHaveLength(members.length);
    expect(types.filter((t) => t === PersonRegistered.type)).toHaveLength(made.people.length);
    expect(new Set(made.events.map((e) => e.id)).size).toBe(made.events.length);
    expect(made.events.every((e) => e.source === 'organisations' && e.correlationId === imp.correlationId && e.occurredAt === imp.at.toISOString())).toBe(true);
    const first = made.events[0].payload as HouseholdStateV1;
    const h = imp.households[0];
    expect(first).toEqual({
      householdId: h.id,
      compoundId: imp.compoundId,
      communityId: imp.communityId,
      communityAncestorIds: ancestors,
      building: h.building,
      unit: h.unit,
      room: h.room,
      areaSqm: `${Math.floor(h.areaHundredths / 100)}.${String(h.areaHundredths % 100).padStart(2, '0')}`,
      gridId: null,
      registeredAt: imp.at.toISOString(),
      sequence: 1,
    });
    const membership = made.events.find((e) => e.type === HouseholdMemberAdded.type)!.payload as HouseholdMembershipV1;
    // The household's second change: its first membership.
    expect(membership).toMatchObject({ householdId: h.id, compoundId: imp.compoundId, personId: h.ownerPersonId, relation: 'OWNER', until: null, sequence: 2 });
    const audit = made.events.at(-1)!;
    expect(audit.type).toBe('organisations.audit.recorded');
    expect(audit.payload).toMatchObject({ actorId: imp.staff.sub, action: 'importHouseholds', subjectType: 'Community', subjectId: imp.communityId, actorOrgIds: [imp.communityId] });
    expect((audit.payload as { summary: string }).summary).toBe(
      `importHouseholds: ${members.length} rows, ${imp.households.length} households created, 0 updated, ${made.people.length} people created`,
    );
    expect(JSON.stringify(made.events)).not.toMatch(/136\d{8}|139\d{8}/);
  });

  it('places every new person, and records only types the seed hands to their consumers (IMPORT_EVENTS)', () => {
    const placed = made.events.filter((e) => e.type === PersonPlaced.type).map((e) => (e.payload as { personId: string }).personId);
    expect(placed).toEqual(expect.arrayContaining(made.people.map((p) => p.id)));
    // A type missing from the list reaches no consumer in the bulk seed: grids and tickets would never learn the placements.
    expect([...new Set(made.events.map((e) => e.type))].filter((t) => !IMPORT_EVENTS.includes(t))).toEqual([]);
  });

  it('refuses a plan the import would refuse', () => {
    const bad = { ...imp, households: [{ ...imp.households[0], areaHundredths: 0 }] };
    expect(() => importOf(bad, ancestors, new Random(9))).toThrow(/has errors/);
  });
});
