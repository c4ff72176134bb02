import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { contractOperation } from './contract';
import { waitFor } from '@linli/testing';
import { buildDistrict, creditCode, SYSTEM_ADMIN, type District } from './fixtures';

/** Issue 3 through the real gateway: every organisations operation of the contract, in both run modes. */
describe.each(MODES)('organisations (%s)', (mode) => {
  let stack: TestStack;
  let d: District;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'orgs');
    d = await buildDistrict(stack);
  });
  afterAll(() => stack?.stop());

  const op = (name: string, variables: Record<string, unknown>, as: Caller | null) => stack.gql(contractOperation(name), variables, as);
  const treeNames = async () => {
    const r = await op('OrganisationTree', { id: d.districtId }, d.callers.analyst);
    return JSON.stringify(r.data);
  };

  describe('the organisation tree', () => {
    it('is readable by any authenticated caller, two levels deep', async () => {
      const r = await op('OrganisationTree', { id: d.streetId }, { sub: 'r1', roles: ['RESIDENT'] });
      expect(r.errors).toBeUndefined();
      expect(r.data.organisation.kind).toBe('STREET');
      const community = r.data.organisation.children.find((c: { id: string }) => c.id === d.communityId);
      expect(community.children.map((c: { kind: string }) => c.kind).sort()).toEqual(['OWNERS_COMMITTEE', 'PARTY_BRANCH']);
    });

    it('creates a firm with a verified credit code, in the caller scope', async () => {
      const r = await op(
        'CreateOrganisation',
        { input: { name: '西关物业服务中心', kind: 'PROPERTY_FIRM', parentId: d.streetId, creditCode: creditCode('XG0001') } },
        d.callers.streetAdmin,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.createOrganisation.organisation).toMatchObject({ kind: 'PROPERTY_FIRM', creditCode: creditCode('XG0001'), parent: { id: d.streetId } });
    });

    it.each([
      ['a firm without a credit code', { name: '无证物业', kind: 'PROPERTY_FIRM' }, 'creditCode'],
      ['a wrong check character', { name: '错码物业', kind: 'PROPERTY_FIRM', creditCode: '91350100M000100Y44' }, 'creditCode'],
      ['a community under a district', { name: '错位社区', kind: 'COMMUNITY' }, 'parentId'],
      ['an empty name', { name: '  ', kind: 'STREET' }, 'name'],
      ['a bad phone', { name: '电话错', kind: 'STREET', contactPhone: '12345' }, 'contactPhone'],
    ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_why, input, field) => {
      const before = await treeNames();
      const r = await op('CreateOrganisation', { input: { parentId: d.districtId, ...input } }, SYSTEM_ADMIN);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].extensions!.field).toBe(field);
      expect(await treeNames()).toBe(before);
    });

    it('refuses a duplicate credit code with CONFLICT', async () => {
      const r = await op('CreateOrganisation', { input: { name: '重复', kind: 'PROPERTY_FIRM', parentId: d.districtId, creditCode: creditCode('XG0001') } }, SYSTEM_ADMIN);
      expect(codes(r)).toEqual(['CONFLICT']);
    });

    it('refuses writes outside the scope, and a root district to anyone but a system admin', async () => {
      const outside = await op('CreateOrganisation', { input: { name: '越权', kind: 'OWNERS_COMMITTEE', parentId: d.farCommunityId } }, d.callers.communityStaff);
      expect(codes(outside)).toEqual(['FORBIDDEN']);
      const root = await op('CreateOrganisation', { input: { name: '新区', kind: 'DISTRICT' } }, d.callers.districtAdmin);
      expect(codes(root)).toEqual(['FORBIDDEN']);
      const resident = await op('CreateOrganisation', { input: { name: '居民建', kind: 'VOLUNTEER_TEAM', parentId: d.communityId } }, { sub: 'r', roles: ['RESIDENT'], orgs: [d.communityId] });
      expect(codes(resident)).toEqual(['FORBIDDEN']);
    });
  });

  describe('renaming and moving, carried to the other subgraphs', () => {
    const MOVE = `mutation($id: ID!, $parentId: ID!) { moveOrganisation(id: $id, parentId: $parentId) { organisation { id parent { id } } } }`;
    const RENAME = `mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: $name) { organisation { id name } } }`;

    it('moves a community with its subtree to another street; scopes follow', async () => {
      const c = await op('CreateOrganisation', { input: { name: '搬迁社区', kind: 'COMMUNITY', parentId: d.streetId } }, SYSTEM_ADMIN);
      const movingId = c.data.createOrganisation.organisation.id;
      const b = await op('CreateOrganisation', { input: { name: '搬迁支部', kind: 'PARTY_BRANCH', parentId: movingId } }, SYSTEM_ADMIN);
      const branchId = b.data.createOrganisation.organisation.id;

      expect(codes(await stack.gql(MOVE, { id: movingId, parentId: d.otherStreetId }, d.callers.streetAdmin))).toEqual(['FORBIDDEN']);
      const r = await stack.gql(MOVE, { id: movingId, parentId: d.otherStreetId }, d.callers.districtAdmin);
      expect(r.errors).toBeUndefined();
      expect(r.data.moveOrganisation.organisation.parent).toEqual({ id: d.otherStreetId });

      // The branch below moved too: the old street's admin no longer reaches it, the new street's does.
      const write = (as: Caller) => op('CreateOrganisation', { input: { name: '小组', kind: 'PARTY_GROUP', parentId: branchId } }, as);
      expect(codes(await write(d.callers.streetAdmin))).toEqual(['FORBIDDEN']);
      const otherStreetAdmin: Caller = { sub: 'osa', roles: ['STREET_ADMIN'], orgs: [d.otherStreetId] };
      expect((await write(otherStreetAdmin)).errors).toBeUndefined();
    });

    it('refuses cycles and misplaced kinds', async () => {
      const cycle = await stack.gql(MOVE, { id: d.streetId, parentId: d.communityId }, SYSTEM_ADMIN);
      expect([codes(cycle), cycle.errors![0].extensions!.field]).toEqual([['BAD_USER_INPUT'], 'parentId']);
      expect(codes(await stack.gql(MOVE, { id: d.communityId, parentId: d.districtId }, SYSTEM_ADMIN))).toEqual(['BAD_USER_INPUT']);
    });

    it('renames, and the grids subgraph learns the new name from the event', async () => {
      const r = await stack.gql(RENAME, { id: d.neighbourId, name: '东关南社区' }, d.callers.streetAdmin);
      expect(r.data.renameOrganisation.organisation.name).toBe('东关南社区');
      const grids = stack.subgraphs.grids.orm.em.getConnection();
      await waitFor(async () => {
        const rows = await grids.execute('select name from org_node where id = ?', [d.neighbourId]);
        expect(rows[0].name).toBe('东关南社区');
      }, { timeoutMs: 5_000 });
    });
  });

  describe('people, appointments and cross appointments', () => {
    let personId: string;
    let appointmentId: string;

    it('registers a person in the caller community; phones are whole for the scope staff', async () => {
      const r = await op('RegisterPerson', { input: { name: '张桂兰', phone: '13812345678', partyMember: true } }, d.callers.communityStaff);
      expect(r.errors).toBeUndefined();
      personId = r.data.registerPerson.person.id;
      expect(r.data.registerPerson.person).toEqual({ id: personId, name: '张桂兰', phone: '13812345678', partyMember: true });
    });

    it('refuses a second registration of the same phone, bad phones, and residents', async () => {
      expect(codes(await op('RegisterPerson', { input: { name: '重复', phone: '13812345678', partyMember: false } }, d.callers.communityStaff))).toEqual(['CONFLICT']);
      const bad = await op('RegisterPerson', { input: { name: '坏号', phone: '1381234', partyMember: false } }, d.callers.communityStaff);
      expect([codes(bad), bad.errors![0].extensions!.field]).toEqual([['BAD_USER_INPUT'], 'phone']);
      expect(codes(await op('RegisterPerson', { input: { name: '居民', phone: '13900001111', partyMember: false } }, { sub: 'r', roles: ['RESIDENT'] }))).toEqual(['FORBIDDEN']);
    });

    it('appoints across two kinds of organisation and lists the cross appointment', async () => {
      const a = await op('Appoint', { input: { personId, organisationId: d.communityId, role: 'SECRETARY', since: '2026-01-01' } }, d.callers.communityStaff);
      expect(a.errors).toBeUndefined();
      appointmentId = a.data.appoint.appointment.id;
      expect(a.data.appoint.appointment).toMatchObject({ role: 'SECRETARY', since: '2026-01-01', person: { id: personId, name: '张桂兰' }, organisation: { id: d.communityId, kind: 'COMMUNITY' } });
      const b = await op('Appoint', { input: { personId, organisationId: d.partyBranchId, role: 'SECRETARY', since: '2026-01-01' } }, d.callers.communityStaff);
      expect(b.errors).toBeUndefined();

      const cross = await op('CrossAppointments', { communityId: d.communityId }, d.callers.communityStaff);
      expect(cross.errors).toBeUndefined();
      expect(cross.data.crossAppointments).toHaveLength(1);
      expect(cross.data.crossAppointments[0].person).toEqual({ id: personId, name: '张桂兰', partyMember: true });
      expect(cross.data.crossAppointments[0].appointments.map((x: { organisation: { kind: string } }) => x.organisation.kind).sort()).toEqual(['COMMUNITY', 'PARTY_BRANCH']);
    });

    it('does not show one community its neighbour cross appointments', async () => {
      expect(codes(await op('CrossAppointments', { communityId: d.communityId }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await op('CrossAppointments', { communityId: d.streetId }, d.callers.streetAdmin))).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses the same post twice, and appointments outside the scope', async () => {
      expect(codes(await op('Appoint', { input: { personId, organisationId: d.communityId, role: 'SECRETARY', since: '2026-02-01' } }, d.callers.communityStaff))).toEqual(['CONFLICT']);
      expect(codes(await op('Appoint', { input: { personId, organisationId: d.neighbourId, role: 'STAFF', since: '2026-02-01' } }, d.callers.communityStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await op('Appoint', { input: { personId, organisationId: d.communityId, role: 'STAFF', since: '2026-02-30' } }, d.callers.communityStaff))).toEqual(['BAD_USER_INPUT']);
    });

    it('masks the phone for analysts and handlers, and hides the person outside the scope', async () => {
      const query = `query($id: ID!) { person(id: $id) { name phone } }`;
      expect((await stack.gql(query, { id: personId }, d.callers.analyst)).data.person.phone).toBe('138****5678');
      expect((await stack.gql(query, { id: personId }, d.callers.streetAdmin)).data.person.phone).toBe('13812345678');
      expect((await stack.gql(query, { id: personId }, { sub: personId, roles: ['RESIDENT'] })).data.person.phone).toBe('13812345678');
      const other = await stack.gql(query, { id: personId }, d.callers.neighbourStaff);
      expect(codes(other)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(other)).not.toContain('张桂兰');
    });

    it('ends an appointment, keeping it in the history; ending it twice is a CONFLICT', async () => {
      const bad = await op('EndAppointment', { id: appointmentId, until: '2025-12-31' }, d.callers.communityStaff);
      expect([codes(bad), bad.errors![0].extensions!.field]).toEqual([['BAD_USER_INPUT'], 'until']);
      const r = await op('EndAppointment', { id: appointmentId, until: '2026-03-31' }, d.callers.communityStaff);
      expect(r.data.endAppointment.appointment).toEqual({ id: appointmentId, until: '2026-03-31' });
      expect(codes(await op('EndAppointment', { id: appointmentId, until: '2026-04-01' }, d.callers.communityStaff))).toEqual(['CONFLICT']);
      // One post left in the community: no longer a cross appointment.
      const cross = await op('CrossAppointments', { communityId: d.communityId }, d.callers.communityStaff);
      expect(cross.data.crossAppointments).toEqual([]);
    });
  });

  describe('alliances, joint meetings and pairings', () => {
    let allianceId: string;
    let meetingId: string;

    it('creates an alliance led from the caller scope with members from anywhere', async () => {
      const r = await op('CreateAlliance', { input: { name: '西关红色物业联盟', leadOrganisationId: d.communityId, memberIds: [d.firmId, d.ownersCommitteeId, d.partyBranchId] } }, d.callers.communityStaff);
      expect(r.errors).toBeUndefined();
      allianceId = r.data.createAlliance.alliance.id;
      expect(r.data.createAlliance.alliance.leadOrganisation).toEqual({ id: d.communityId, name: '西关社区' });
      expect(r.data.createAlliance.alliance.members.map((m: { id: string }) => m.id)).toEqual([d.communityId, d.firmId, d.ownersCommitteeId, d.partyBranchId]);
      expect(codes(await op('CreateAlliance', { input: { name: '越权联盟', leadOrganisationId: d.neighbourId, memberIds: [] } }, d.callers.communityStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await op('CreateAlliance', { input: { name: '幽灵', leadOrganisationId: d.communityId, memberIds: ['no-such-org'] } }, d.callers.communityStaff))).toEqual(['BAD_USER_INPUT']);
    });

    it('schedules a joint meeting and records its resolutions', async () => {
      const s = await op('ScheduleJointMeeting', { input: { allianceId, scheduledAt: '2026-12-01T09:30:00+08:00', agenda: '电梯维修资金使用' } }, d.callers.communityStaff);
      expect(s.errors).toBeUndefined();
      meetingId = s.data.scheduleJointMeeting.meeting.id;
      expect(s.data.scheduleJointMeeting.meeting.scheduledAt).toBe('2026-12-01T01:30:00.000Z');
      const r = await op('RecordMeetingResolutions', { id: meetingId, resolutions: ['启用维修资金', '物业两周内完成'] }, d.callers.communityStaff);
      expect(r.data.recordMeetingResolutions.meeting).toEqual({ id: meetingId, resolutions: ['启用维修资金', '物业两周内完成'] });
      expect(codes(await op('RecordMeetingResolutions', { id: meetingId, resolutions: ['x'] }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await op('RecordMeetingResolutions', { id: meetingId, resolutions: [] }, d.callers.communityStaff))).toEqual(['BAD_USER_INPUT']);
      const alliance = await stack.gql(`query($id: ID!) { alliance(id: $id) { meetings { id agenda resolutions } } }`, { id: allianceId }, d.callers.firmStaff);
      expect(alliance.data.alliance.meetings).toEqual([{ id: meetingId, agenda: '电梯维修资金使用', resolutions: ['启用维修资金', '物业两周内完成'] }]);
    });

    it('pairs a department with a community: street and district admins only', async () => {
      const dept = await op('CreateOrganisation', { input: { name: '区住建局', kind: 'GOVERNMENT_DEPARTMENT', parentId: d.districtId } }, SYSTEM_ADMIN);
      const departmentId = dept.data.createOrganisation.organisation.id;
      const input = { departmentId, communityId: d.communityId, since: '2026-03-01' };
      expect(codes(await op('RegisterPairing', { input }, d.callers.communityStaff))).toEqual(['FORBIDDEN']);
      const r = await op('RegisterPairing', { input }, d.callers.streetAdmin);
      expect(r.errors).toBeUndefined();
      expect(r.data.registerPairing.pairing).toMatchObject({ since: '2026-03-01', department: { id: departmentId, name: '区住建局' }, community: { id: d.communityId } });
      expect(codes(await op('RegisterPairing', { input }, d.callers.streetAdmin))).toEqual(['CONFLICT']);
      expect(codes(await op('RegisterPairing', { input: { ...input, departmentId: d.firmId } }, d.callers.districtAdmin))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await op('RegisterPairing', { input: { ...input, communityId: d.farCommunityId } }, d.callers.streetAdmin))).toEqual(['FORBIDDEN']);
    });
  });
});
