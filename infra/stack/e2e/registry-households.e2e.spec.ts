import { OutboxEvent } from '@linli/events';
import { buildDistrict, type District } from './fixtures';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { op, registerPerson, rejection } from './grids.fixtures';
import { auditEntries, compoundWithGrid, registerCounts } from './registry.fixtures';

/**
 * Issue 13, households (一户一档) through the real gateway in both modes:
 * registering dwellings, members with their history, the compound's register
 * with exact areas and derived 党员中心户, scoping and masking.
 */
// A loaded CI machine starts four subgraphs slowly; imports of thousands of rows take seconds.
jest.setTimeout(180_000);

describe.each(MODES)('the register: households (%s)', (mode) => {
  let stack: TestStack;
  let d: District;
  let staff: Caller;
  let place: { compoundId: string; gridId: string; gridCode: string };
  let other: { compoundId: string; gridId: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack(mode, 'register');
    d = await buildDistrict(stack);
    staff = d.callers.communityStaff;
    place = await compoundWithGrid(stack, d, '西关小区');
    other = await compoundWithGrid(stack, d, '东关小区', d.neighbourId, d.callers.neighbourStaff);
  });
  afterAll(() => stack?.stop());

  const register = (input: Record<string, unknown>, as: Caller = staff) => op(stack, 'RegisterHousehold', { input: { compoundId: place.compoundId, ...input } }, as);
  const readRegister = (as: Caller, first = 20, after?: string) => op(stack, 'CompoundRegister', { compoundId: place.compoundId, first, after }, as);

  it('registers a dwelling: address 3栋2单元502室, exact area, compound and grid from grids', async () => {
    const r = await register({ building: '3', unit: '2', room: '502', areaSqm: 89.5, gridId: place.gridId });
    expect(r.errors).toBeUndefined();
    expect(r.data.registerHousehold.household).toMatchObject({
      address: '3栋2单元502室',
      building: '3',
      unit: '2',
      room: '502',
      areaSqm: 89.5,
      compound: { id: place.compoundId, name: '西关小区' },
      grid: { id: place.gridId, code: place.gridCode },
    });
    ids.household = r.data.registerHousehold.household.id;
    const noUnit = await register({ building: '12栋', room: '101室', areaSqm: 0.1 });
    expect(noUnit.data.registerHousehold.household).toMatchObject({ address: '12栋101室', unit: null, grid: null });
    ids.second = noUnit.data.registerHousehold.household.id;
    await register({ building: '12', room: '102', areaSqm: 0.2 });
  });

  it('publishes household.registered without names or phones', async () => {
    const events = await stack.subgraphs.organisations.orm.em.fork().find(OutboxEvent, { type: 'organisations.household.registered' }, { orderBy: { seq: 'asc' } });
    expect(events[0].payload).toMatchObject({ householdId: ids.household, compoundId: place.compoundId, communityId: d.communityId, areaSqm: '89.50', building: '3', unit: '2', room: '502', gridId: place.gridId });
    expect((events[0].payload as { communityAncestorIds: string[] }).communityAncestorIds).toEqual([d.districtId, d.streetId]);
  });

  it.each([
    ['the same dwelling twice (suffixes ignored)', { building: '3栋', unit: '2单元', room: '502室', areaSqm: 80 }, { code: 'CONFLICT' }],
    ['an area of 0', { building: '9', room: '1', areaSqm: 0 }, { code: 'BAD_USER_INPUT', field: 'areaSqm' }],
    ['an area of 10,001', { building: '9', room: '1', areaSqm: 10_001 }, { code: 'BAD_USER_INPUT', field: 'areaSqm' }],
    ['three decimals', { building: '9', room: '1', areaSqm: 50.125 }, { code: 'BAD_USER_INPUT', field: 'areaSqm' }],
    ['an empty room', { building: '9', room: ' ', areaSqm: 50 }, { code: 'BAD_USER_INPUT', field: 'room' }],
    ['a grid of another compound', { building: '9', room: '1', areaSqm: 50, gridId: 'other' }, { code: 'BAD_USER_INPUT', field: 'gridId' }],
  ] as [string, Record<string, unknown>, Record<string, string>][])('refuses %s and changes nothing', async (_why, input, expected) => {
    const before = await registerCounts(stack);
    const r = await register(input.gridId === 'other' ? { ...input, gridId: other.gridId } : input);
    expect(rejection(r)).toEqual(expected);
    expect(await registerCounts(stack)).toEqual(before);
  });

  it('refuses writers outside the scope and roles that do not keep the register', async () => {
    expect(codes(await register({ building: '9', room: '1', areaSqm: 50 }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await register({ building: '9', room: '1', areaSqm: 50 }, d.callers.firmStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await register({ building: '9', room: '1', areaSqm: 50 }, d.callers.analyst))).toEqual(['FORBIDDEN']);
    expect(codes(await register({ building: '9', room: '1', areaSqm: 50 }, null as never))).toEqual(['UNAUTHENTICATED']);
  });

  it('adds members named in the scope; someone registered elsewhere is FORBIDDEN', async () => {
    ids.owner = await registerPerson(stack, staff, '张建国', '13800001111'); // a party member (the helper registers party members)
    const pRes = await op(stack, 'RegisterPerson', { input: { name: '李秀英', phone: '13900002222', partyMember: false } }, staff);
    ids.spouse = pRes.data.registerPerson.person.id;
    ids.stranger = await registerPerson(stack, d.callers.neighbourStaff, '王外人', '13700003333');

    const add = (personId: string, relation: string, as: Caller = staff) =>
      op(stack, 'AddHouseholdMember', { input: { householdId: ids.household, personId, relation, since: '2020-05-01' } }, as);
    const r1 = await add(ids.owner, 'OWNER');
    expect(r1.errors).toBeUndefined();
    const r2 = await add(ids.spouse, 'FAMILY');
    expect(r2.data.addHouseholdMember.household.members).toEqual([
      { person: { id: ids.owner, name: '张建国', phone: '13800001111' }, relation: 'OWNER', since: '2020-05-01' },
      { person: { id: ids.spouse, name: '李秀英', phone: '13900002222' }, relation: 'FAMILY', since: '2020-05-01' },
    ]);
    const before = await registerCounts(stack);
    expect(codes(await add(ids.stranger, 'TENANT'))).toEqual(['FORBIDDEN']);
    expect(codes(await add(ids.owner, 'OWNER'))).toEqual(['CONFLICT']);
    expect(rejection(await add(ids.spouse, 'LANDLORD'))).toMatchObject({ code: expect.stringMatching(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/) });
    expect(await registerCounts(stack)).toEqual(before);
  });

  it('reads the register: totals exact, 党员中心户 derived, keyset pages, phones whole for staff and masked for analysts', async () => {
    const r = await readRegister(staff, 2);
    expect(r.errors).toBeUndefined();
    const reg = r.data.compound.register;
    expect(r.data.compound).toMatchObject({ id: place.compoundId, name: '西关小区', households: 300 });
    expect(reg.totalCount).toBe(3);
    expect(reg.totalAreaSqm).toBe(89.8); // 89.5 + 0.1 + 0.2, summed exactly
    expect(reg.edges).toHaveLength(2);
    const next = await readRegister(staff, 2, reg.pageInfo.endCursor);
    const all: { id: string; members: { person: { phone: string } }[] }[] = [...reg.edges, ...next.data.compound.register.edges].map((e: { node: never }) => e.node);
    expect(next.data.compound.register.pageInfo.hasNextPage).toBe(false);
    const home = all.find((n: { id: string }) => n.id === ids.household);
    expect(home).toMatchObject({ address: '3栋2单元502室', areaSqm: 89.5, partyMemberHousehold: true });
    expect(home!.members.map((m: { person: { phone: string } }) => m.person.phone)).toEqual(['13800001111', '13900002222']);

    const analyst = await readRegister(d.callers.analyst, 5);
    const seen = analyst.data.compound.register.edges.find((e: { node: { id: string } }) => e.node.id === ids.household).node;
    expect(seen.members[0].person.phone).toBe('138****1111');
  });

  it('shows nothing of the register outside the scope; a resident member sees their own household only', async () => {
    const outside = await readRegister(d.callers.neighbourStaff);
    expect(outside.data.compound.name).toBe('西关小区');
    expect(outside.data.compound.register).toBeNull();
    const firm = await readRegister(d.callers.firmStaff);
    expect(firm.data.compound.register).toBeNull();
    const resident = await readRegister({ sub: ids.spouse, roles: ['RESIDENT'] });
    expect(resident.data.compound.register.totalCount).toBe(1);
    expect(resident.data.compound.register.edges[0].node.id).toBe(ids.household);
    const stranger = await readRegister({ sub: 'someone', roles: ['RESIDENT'] });
    expect(stranger.data.compound.register).toBeNull();
  });

  it('ends a membership with its history kept; 党员中心户 follows the current members', async () => {
    const bad = await op(stack, 'RemoveHouseholdMember', { householdId: ids.household, personId: ids.owner, until: '2019-01-01' }, staff);
    expect(rejection(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'until' });
    expect(codes(await op(stack, 'RemoveHouseholdMember', { householdId: ids.household, personId: ids.owner, until: '2026-11-30' }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    const r = await op(stack, 'RemoveHouseholdMember', { householdId: ids.household, personId: ids.owner, until: '2026-11-30' }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data.removeHouseholdMember.household.members).toEqual([{ person: { id: ids.spouse }, relation: 'FAMILY' }]);
    const history = await stack.gql(
      `query($id: ID!) { household(id: $id) { partyMemberHousehold members(includeEnded: true) { person { id } relation since until } } }`,
      { id: ids.household },
      staff,
    );
    expect(history.data.household).toEqual({
      partyMemberHousehold: false,
      members: [
        { person: { id: ids.owner }, relation: 'OWNER', since: '2020-05-01', until: '2026-11-30' },
        { person: { id: ids.spouse }, relation: 'FAMILY', since: '2020-05-01', until: null },
      ],
    });
    expect(codes(await op(stack, 'RemoveHouseholdMember', { householdId: ids.household, personId: ids.owner, until: '2026-11-30' }, staff))).toEqual(['NOT_FOUND']);
    const removed = await stack.subgraphs.organisations.orm.em.fork().find(OutboxEvent, { type: 'organisations.household.memberRemoved' });
    // The household's fourth change (registered, two members added, this one): copies order its events by it.
    expect(removed.map((e) => e.payload)).toEqual([{ householdId: ids.household, compoundId: place.compoundId, personId: ids.owner, relation: 'OWNER', since: '2020-05-01', until: '2026-11-30', sequence: 4 }]);
  });

  it('records every staff write in the audit log, and reads of whole phones once per request', async () => {
    const writes = await auditEntries(stack, d.callers.streetAdmin, d.streetId, 'registerHousehold', 3);
    expect(writes[0]).toMatchObject({ service: 'organisations', actorId: staff.sub, subjectType: 'Household', roles: ['COMMUNITY_STAFF'] });
    const before = (await auditEntries(stack, d.callers.streetAdmin, d.streetId, 'PERSONAL_DATA_READ', 1)).length;
    await readRegister(staff); // shows the spouse's whole phone
    const reads = await auditEntries(stack, d.callers.streetAdmin, d.streetId, 'PERSONAL_DATA_READ', before + 1);
    expect(reads[0].summary).toMatch(/1 person/);
    // A person reading their own phone is not recorded; a masked read neither.
    await stack.gql('query($id: ID!) { person(id: $id) { phone } }', { id: ids.spouse }, { sub: ids.spouse, roles: ['RESIDENT'] });
    await readRegister(d.callers.analyst);
    const after = await auditEntries(stack, d.callers.streetAdmin, d.streetId, 'PERSONAL_DATA_READ', before + 1);
    expect(after).toHaveLength(before + 1);
    expect(await auditEntries(stack, d.callers.districtAdmin, d.districtId, 'addHouseholdMember', 2)).toHaveLength(2);
    // Not for community staff; not for a street admin of another street.
    const staffRead = await op(stack, 'AuditLog', { scopeId: d.communityId, from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }, staff);
    expect(codes(staffRead)).toEqual(['FORBIDDEN']);
    const far = await op(stack, 'AuditLog', { scopeId: d.streetId, from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }, { sub: 'x', roles: ['STREET_ADMIN'], orgs: [d.otherStreetId] });
    expect(codes(far)).toEqual(['FORBIDDEN']);
  });
});
