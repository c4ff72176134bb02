import { buildDistrict, SYSTEM_ADMIN, type District } from './fixtures';
import { codes, MODES, startTestStack, type TestStack } from './harness';
import { op, rejection } from './grids.fixtures';

jest.setTimeout(180_000);

/**
 * Issue 13, keeping the organisations' master data current through the real
 * gateway in both modes: alliance members, pairings read back and ended,
 * deactivating an organisation (CONFLICT while it has active children).
 */
describe.each(MODES)('master data of organisations (%s)', (mode) => {
  let stack: TestStack;
  let d: District;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'masterdata');
    d = await buildDistrict(stack);
  });
  afterAll(() => stack?.stop());

  const create = async (input: Record<string, unknown>) => {
    const r = await op(stack, 'CreateOrganisation', { input }, SYSTEM_ADMIN);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.createOrganisation.organisation.id as string;
  };

  it('changes an alliance’s members; the lead stays', async () => {
    const a = await op(stack, 'CreateAlliance', { input: { name: '西关共建联盟', leadOrganisationId: d.communityId, memberIds: [d.policeId] } }, d.callers.communityStaff);
    expect(a.errors).toBeUndefined();
    const id = a.data.createAlliance.alliance.id;
    const r = await op(stack, 'ChangeAllianceMembers', { id, add: [d.firmId], remove: [d.policeId] }, d.callers.communityStaff);
    expect(r.errors).toBeUndefined();
    expect(r.data.changeAllianceMembers.alliance.members.map((m: { id: string }) => m.id)).toEqual([d.communityId, d.firmId]);
    expect(rejection(await op(stack, 'ChangeAllianceMembers', { id, remove: [d.communityId] }, d.callers.communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'remove' });
    expect(rejection(await op(stack, 'ChangeAllianceMembers', { id, add: ['nope'] }, d.callers.communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'add' });
    expect(codes(await op(stack, 'ChangeAllianceMembers', { id, add: [d.policeId] }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
  });

  it('lists pairings and ends one; street admins only end them', async () => {
    const dept = await create({ name: '区住建局', kind: 'GOVERNMENT_DEPARTMENT', parentId: d.districtId });
    const p = await op(stack, 'RegisterPairing', { input: { departmentId: dept, communityId: d.communityId, since: '2026-01-01' } }, d.callers.streetAdmin);
    expect(p.errors).toBeUndefined();
    const id = p.data.registerPairing.pairing.id;
    expect(codes(await op(stack, 'EndPairing', { id, until: '2026-11-30' }, d.callers.communityStaff))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'EndPairing', { id, until: '2025-12-31' }, d.callers.streetAdmin))).toEqual({ code: 'BAD_USER_INPUT', field: 'until' });
    const ended = await op(stack, 'EndPairing', { id, until: '2026-11-30' }, d.callers.streetAdmin);
    expect(ended.data.endPairing.pairing).toEqual({ id, since: '2026-01-01', until: '2026-11-30' });
    expect(codes(await op(stack, 'EndPairing', { id, until: '2026-11-30' }, d.callers.streetAdmin))).toEqual(['CONFLICT']);
    const list = await op(stack, 'Pairings', { communityId: d.communityId }, d.callers.communityStaff);
    expect(list.data.pairings).toEqual([{ id, since: '2026-01-01', until: '2026-11-30', department: { id: dept, name: '区住建局' }, community: { id: d.communityId, name: '西关社区' } }]);
    expect(codes(await op(stack, 'Pairings', { communityId: d.communityId }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
  });

  it('deactivates an organisation (admins of the parent’s scope); CONFLICT while it has active children', async () => {
    const team = await create({ name: '西关志愿队', kind: 'VOLUNTEER_TEAM', parentId: d.communityId });
    expect(codes(await op(stack, 'DeactivateOrganisation', { id: d.communityId, reason: '合并' }, d.callers.streetAdmin))).toEqual(['CONFLICT']);
    expect(codes(await op(stack, 'DeactivateOrganisation', { id: team, reason: '解散' }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
    expect(rejection(await op(stack, 'DeactivateOrganisation', { id: team, reason: ' ' }, d.callers.communityStaff))).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    const r = await op(stack, 'DeactivateOrganisation', { id: team, reason: '解散' }, d.callers.communityStaff);
    expect(r.data.deactivateOrganisation.organisation).toEqual({ id: team, name: '西关志愿队', active: false });
    expect(codes(await op(stack, 'DeactivateOrganisation', { id: team, reason: '解散' }, d.callers.communityStaff))).toEqual(['CONFLICT']);
  });
});
