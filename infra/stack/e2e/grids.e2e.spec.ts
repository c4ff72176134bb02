import { createEnvelope, RectificationOverdue, subjectFor } from '@linli/events';
import { monthOf, parsePeriod } from '@linli/platform';
import { mintToken, waitFor } from '@linli/testing';
import { buildDistrict, SYSTEM_ADMIN, type District } from './fixtures';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { AREA, COMPOUND, EAST, WEST, at, gridsEvents, gridsRowCounts, op, readCompound, registerPerson, rejection, ring } from './grids.fixtures';

/**
 * Issue 4 through the real gateway, in both run modes: compounds and their
 * firms, the grid tree and its boundaries, grid staff, visits, compliance and
 * coverage, with the contract's authorization and input checks. Every
 * operation is the contract's own text.
 */
describe.each(MODES)('grids subgraph through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let d: District;
  let staff: Caller;
  const resident: Caller = { sub: 'resident-1', roles: ['RESIDENT'] };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack(mode, 'grids');
    d = await buildDistrict(stack);
    staff = d.callers.communityStaff;
  });
  afterAll(() => stack?.stop());

  describe('compounds', () => {
    const create = (input: Record<string, unknown>, as: Caller = staff) => op(stack, 'CreateCompound', { input }, as);
    const base = () => ({ name: '西关小区', communityId: d.communityId, managementMode: 'COMMERCIAL', households: 480, propertyFirmId: d.firmId });

    it('creates a commercial compound; its firm may lie outside the caller’s scope', async () => {
      const r = await create({ ...base(), address: '西关正街1号' });
      expect(r.errors).toBeUndefined();
      const c = r.data.createCompound.compound;
      // community and firm names come from the organisations subgraph.
      expect(c).toMatchObject({ name: '西关小区', households: 480, managementMode: 'COMMERCIAL', community: { id: d.communityId, name: '西关社区' }, propertyFirm: { id: d.firmId, name: '安居物业' } });
      ids.compound = c.id;
      const events = await gridsEvents(stack, 'grids.compound.created');
      expect(events.map((e) => e.payload)).toEqual([
        {
          compoundId: c.id,
          name: '西关小区',
          communityId: d.communityId,
          communityAncestorIds: [d.districtId, d.streetId],
          households: 480,
          managementMode: 'COMMERCIAL',
          propertyFirmId: d.firmId,
          partyOrganisationId: null,
          ownersCommitteeId: null,
          // The compound's first change: copies order its events by this number, not by occurredAt.
          sequence: 1,
        },
      ]);
    });

    it('creates compounds without a firm in the other management modes', async () => {
      for (const [name, managementMode] of [['南院小区', 'COMMUNITY_MANAGED'], ['北院小区', 'NONE']]) {
        const r = await create({ name, communityId: d.communityId, managementMode, households: 60 });
        expect(r.errors).toBeUndefined();
        expect(r.data.createCompound.compound).toMatchObject({ name, managementMode, propertyFirm: null });
        ids[managementMode] = r.data.createCompound.compound.id;
      }
    });

    it('refuses bad input with the field named, and nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base(), name: ' ' }, 'name'],
        [{ ...base(), name: '小'.repeat(101) }, 'name'],
        [{ ...base(), households: -1 }, 'households'],
        [{ ...base(), address: '址'.repeat(201) }, 'address'],
        [{ ...base(), propertyFirmId: null }, 'propertyFirmId'],
        [{ ...base(), managementMode: 'SELF_MANAGED' }, 'propertyFirmId'],
        [{ ...base(), propertyFirmId: d.policeId }, 'propertyFirmId'],
        [{ ...base(), propertyFirmId: 'no-such-organisation' }, 'propertyFirmId'],
        [{ ...base(), partyOrganisationId: d.ownersCommitteeId }, 'partyOrganisationId'],
        [{ ...base(), ownersCommitteeId: d.partyBranchId }, 'ownersCommitteeId'],
        [{ ...base(), communityId: d.streetId }, 'communityId'],
      ];
      for (const [input, field] of cases) {
        expect({ field, got: rejection(await create(input, d.callers.streetAdmin)) }).toEqual({
          field,
          got: { code: 'BAD_USER_INPUT', field },
        });
      }
      expect(await gridsRowCounts(stack)).toEqual(before);
    });

    it('refuses a compound in another community, or by a role that does not administer, and nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      for (const caller of [d.callers.neighbourStaff, d.callers.gridWorker, d.callers.analyst, d.callers.firmStaff, resident]) {
        expect(codes(await create({ ...base(), name: '越权小区' }, caller))).toEqual(['FORBIDDEN']);
      }
      // A street admin of the other street: the community is not below it.
      expect(codes(await create({ ...base(), name: '越权小区', communityId: d.farCommunityId }, d.callers.streetAdmin))).toEqual(['FORBIDDEN']);
      expect(await gridsRowCounts(stack)).toEqual(before);
      const list = await stack.gql(`query($id: ID!) { organisation(id: $id) { compounds { name } } }`, { id: d.communityId }, resident);
      expect(list.data.organisation.compounds.map((c: { name: string }) => c.name).sort()).toEqual(['北院小区', '南院小区', '西关小区'].sort());
    });

    it('a name is unique within the community: CONFLICT', async () => {
      expect(codes(await create(base()))).toEqual(['CONFLICT']);
    });

    it('changes the property firm, keeping the history of who managed it when', async () => {
      const r = await op(stack, 'ChangePropertyFirm', { compoundId: ids.compound, propertyFirmId: d.otherFirmId, managementMode: 'COMMERCIAL' }, staff);
      expect(r.errors).toBeUndefined();
      expect(r.data.changePropertyFirm.compound).toEqual({ id: ids.compound, managementMode: 'COMMERCIAL', propertyFirm: { id: d.otherFirmId, name: '宏达物业' } });
      const c = await readCompound(stack, ids.compound);
      expect(c.managementHistory.map((t: any) => [t.managementMode, t.propertyFirm?.id, t.until === null])).toEqual([
        ['COMMERCIAL', d.firmId, false],
        ['COMMERCIAL', d.otherFirmId, true],
      ]);
      expect(c.managementHistory[0].until).toBe(c.managementHistory[1].since);
      const [changed] = await gridsEvents(stack, 'grids.compound.firmChanged');
      expect(changed.payload).toMatchObject({ compoundId: ids.compound, previousFirmId: d.firmId, propertyFirmId: d.otherFirmId, communityAncestorIds: [d.districtId, d.streetId] });

      // Organisation.managedCompounds (FirmRanking, FirmAssessment) follows, for anyone.
      const firms = await stack.gql(
        `query($a: ID!, $b: ID!) { a: organisation(id: $a) { managedCompounds { id } } b: organisation(id: $b) { managedCompounds { id name households } } }`,
        { a: d.firmId, b: d.otherFirmId },
        resident,
      );
      expect(firms.data).toEqual({ a: { managedCompounds: [] }, b: { managedCompounds: [{ id: ids.compound, name: '西关小区', households: 480 }] } });
    });

    it('refuses a firm change out of scope or against the rules, and nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      const change = (v: Record<string, unknown>, as: Caller = staff) => op(stack, 'ChangePropertyFirm', { compoundId: ids.compound, ...v }, as);
      expect(rejection(await change({ managementMode: 'NONE', propertyFirmId: d.firmId }))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
      expect(rejection(await change({ managementMode: 'COMMERCIAL' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
      expect(rejection(await change({ managementMode: 'COMMERCIAL', propertyFirmId: d.partyBranchId }))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
      expect(codes(await change({ managementMode: 'COMMERCIAL', propertyFirmId: d.firmId }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await change({ managementMode: 'COMMERCIAL', propertyFirmId: d.firmId }, d.callers.otherFirmStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await op(stack, 'ChangePropertyFirm', { compoundId: 'no-such-compound', managementMode: 'NONE' }, staff))).toEqual(['NOT_FOUND']);
      expect(await gridsRowCounts(stack)).toEqual(before);
      // Asking for what is already so changes nothing either: no new term, no event.
      expect((await change({ managementMode: 'COMMERCIAL', propertyFirmId: d.otherFirmId })).errors).toBeUndefined();
      expect(await gridsRowCounts(stack)).toEqual(before);
    });

    it('links a party organisation and an owners’ committee of the contract’s kinds', async () => {
      const set = (v: Record<string, unknown>, as: Caller = staff) => op(stack, 'SetCompoundOrganisations', { compoundId: ids.compound, ...v }, as);
      const r = await set({ partyOrganisationId: d.partyBranchId, ownersCommitteeId: d.ownersCommitteeId });
      expect(r.errors).toBeUndefined();
      expect(r.data.setCompoundOrganisations.compound).toEqual({
        id: ids.compound,
        partyOrganisation: { id: d.partyBranchId, name: '西关社区党支部', kind: 'PARTY_BRANCH' },
        ownersCommittee: { id: d.ownersCommitteeId, name: '西关小区业委会', kind: 'OWNERS_COMMITTEE' },
      });

      const before = await gridsRowCounts(stack);
      expect(rejection(await set({ partyOrganisationId: d.ownersCommitteeId }))).toEqual({ code: 'BAD_USER_INPUT', field: 'partyOrganisationId' });
      expect(rejection(await set({ ownersCommitteeId: d.firmId }))).toEqual({ code: 'BAD_USER_INPUT', field: 'ownersCommitteeId' });
      expect(codes(await set({ ownersCommitteeId: null }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await set({ ownersCommitteeId: null }, d.callers.analyst))).toEqual(['FORBIDDEN']);
      expect(await gridsRowCounts(stack)).toEqual(before);

      // An omitted argument keeps its link; null removes it.
      await set({ ownersCommitteeId: null });
      expect(await readCompound(stack, ids.compound)).toMatchObject({ partyOrganisation: { id: d.partyBranchId }, ownersCommittee: null });
      await set({ ownersCommitteeId: d.ownersCommitteeId });
      const events = await gridsEvents(stack, 'grids.compound.organisationsSet');
      expect(events.at(-1)!.payload).toMatchObject({ compoundId: ids.compound, partyOrganisationId: d.partyBranchId, ownersCommitteeId: d.ownersCommitteeId, propertyFirmId: d.otherFirmId });
    });

    it('puts every compound of a firm under review when a rectification of the firm is overdue, exactly once', async () => {
      const envelope = createEnvelope(
        RectificationOverdue,
        { rectificationId: 'r-1', firmId: d.otherFirmId, reason: 'REPEATED_BAD_RATINGS', issuedAt: new Date(Date.now() - 86_400_000).toISOString(), dueAt: new Date().toISOString(), overdueAt: new Date().toISOString() },
        { source: 'evaluations' },
      );
      await stack.transport.publish(subjectFor(stack.subjectPrefix, RectificationOverdue), envelope);
      await waitFor(async () => expect((await readCompound(stack, ids.compound)).firmUnderReview).toBe(true), { timeoutMs: 5_000 });
      // Compounds of other firms, or without one, are not under review.
      expect((await readCompound(stack, ids.COMMUNITY_MANAGED)).firmUnderReview).toBe(false);
      const processed = `select count(*) as n from processed_event where event_id = '${envelope.id}'`;
      expect(Number((await stack.subgraphs.grids.orm.em.fork().getConnection().execute(processed))[0].n)).toBe(1);

      // A new firm takes over: the review belonged to the old one.
      await op(stack, 'ChangePropertyFirm', { compoundId: ids.compound, propertyFirmId: d.firmId, managementMode: 'COMMERCIAL' }, staff);
      expect((await readCompound(stack, ids.compound)).firmUnderReview).toBe(false);
    });
  });

  describe('the grid tree', () => {
    const create = (input: Record<string, unknown>, as: Caller = staff) => op(stack, 'CreateGrid', { input }, as);
    const grid = (code: string, level: string, extra: Record<string, unknown> = {}) => ({
      code,
      name: `${code} 网格`,
      level,
      communityId: d.communityId,
      households: 30,
      residents: 90,
      ...extra,
    });

    it('builds area → compound → building grids with nested boundaries', async () => {
      const area = await create(grid('XG-A', 'COMMUNITY_AREA', { households: 900, residents: 2600, boundary: AREA }));
      expect(area.errors).toBeUndefined();
      ids.area = area.data.createGrid.grid.id;
      expect(area.data.createGrid.grid).toMatchObject({ code: 'XG-A', level: 'COMMUNITY_AREA', parent: null, compound: null, community: { id: d.communityId, name: '西关社区' } });

      const compound = await create(grid('XG-C', 'COMPOUND', { parentId: ids.area, compoundId: ids.compound, households: 480, boundary: COMPOUND }));
      expect(compound.errors).toBeUndefined();
      ids.compoundGrid = compound.data.createGrid.grid.id;
      expect(compound.data.createGrid.grid).toMatchObject({ parent: { id: ids.area, code: 'XG-A' }, compound: { id: ids.compound, name: '西关小区' } });

      for (const [code, boundary] of [['XG-B1', WEST], ['XG-B2', EAST]] as const) {
        // A building grid inherits its compound grid's compound.
        const r = await create(grid(code, 'BUILDING_UNIT', { parentId: ids.compoundGrid, boundary }));
        expect(r.errors).toBeUndefined();
        expect(r.data.createGrid.grid).toMatchObject({ level: 'BUILDING_UNIT', parent: { code: 'XG-C' }, compound: { id: ids.compound } });
        ids[code] = r.data.createGrid.grid.id;
      }
      // A compound grid without boundary or parent: allowed, never found by gridAt.
      const loose = await create(grid('XG-N', 'COMPOUND', { compoundId: ids.NONE }));
      expect(loose.errors).toBeUndefined();
      ids.looseGrid = loose.data.createGrid.grid.id;

      const [created] = (await gridsEvents(stack, 'grids.grid.created')).filter((e) => (e.payload as any).gridId === ids['XG-B1']);
      expect(created.payload).toEqual({
        gridId: ids['XG-B1'],
        code: 'XG-B1',
        name: 'XG-B1 网格',
        level: 'BUILDING_UNIT',
        communityId: d.communityId,
        communityAncestorIds: [d.districtId, d.streetId],
        compoundId: ids.compound,
        parentId: ids.compoundGrid,
        ancestorGridIds: [ids.area, ids.compoundGrid],
        sequence: 1,
      });
    });

    it('refuses bad grids with the field named, and nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      const cases: [Record<string, unknown>, string][] = [
        [grid('西关', 'COMMUNITY_AREA'), 'code'],
        [grid('XG-X', 'COMMUNITY_AREA', { name: '' }), 'name'],
        [grid('XG-X', 'COMMUNITY_AREA', { name: '网'.repeat(101) }), 'name'],
        [grid('XG-X', 'COMMUNITY_AREA', { households: -1 }), 'households'],
        [grid('XG-X', 'COMMUNITY_AREA', { residents: 2_000_000 }), 'residents'],
        [grid('XG-X', 'BUILDING_UNIT'), 'parentId'],
        [grid('XG-X', 'BUILDING_UNIT', { parentId: ids.area }), 'parentId'],
        [grid('XG-X', 'COMMUNITY_AREA', { parentId: ids.compoundGrid }), 'parentId'],
        [grid('XG-X', 'BUILDING_UNIT', { parentId: ids.compoundGrid, compoundId: ids.NONE }), 'compoundId'],
        [grid('XG-X', 'COMPOUND', { communityId: d.neighbourId, parentId: ids.area }), 'parentId'],
        // Bad polygons: too few points, a bow tie, a spike, off the globe.
        [grid('XG-X', 'COMMUNITY_AREA', { boundary: ring([0, 0], [0.001, 0], [0, 0]) }), 'boundary'],
        [grid('XG-X', 'COMMUNITY_AREA', { boundary: ring([0, 0], [0.001, 0.001], [0.001, 0], [0, 0.001]) }), 'boundary'],
        [grid('XG-X', 'COMMUNITY_AREA', { boundary: ring([0, 0], [0.002, 0], [0.001, 0], [0.001, 0.001]) }), 'boundary'],
        [grid('XG-X', 'COMMUNITY_AREA', { boundary: [{ lat: 95, lng: 108 }, { lat: 34, lng: 108 }, { lat: 34, lng: 109 }] }), 'boundary'],
        // Outside the parent: sticking out of the compound grid; across the notch of the concave area grid.
        [grid('XG-X', 'BUILDING_UNIT', { parentId: ids.compoundGrid, boundary: ring([0.005, 0.003], [0.007, 0.003], [0.007, 0.005], [0.005, 0.005]) }), 'boundary'],
        [grid('XG-X', 'COMPOUND', { parentId: ids.area, boundary: ring([0.009, 0.004], [0.001, 0.001], [0.004, 0.009]) }), 'boundary'],
      ];
      for (const [input, field] of cases) {
        // The street admin's scope holds both communities: every refusal here is about the input.
        const got = rejection(await create(input, d.callers.streetAdmin));
        expect({ input: input.code, field, got }).toEqual({ input: input.code, field, got: { code: 'BAD_USER_INPUT', field } });
      }
      expect(await gridsRowCounts(stack)).toEqual(before);

      // The compound of another community.
      const far = await op(stack, 'CreateCompound', { input: { name: '东关小区', communityId: d.neighbourId, managementMode: 'NONE', households: 10 } }, d.callers.neighbourStaff);
      ids.neighbourCompound = far.data.createCompound.compound.id;
      const after = await gridsRowCounts(stack);
      expect(rejection(await create(grid('XG-X', 'COMPOUND', { compoundId: ids.neighbourCompound })))).toEqual({ code: 'BAD_USER_INPUT', field: 'compoundId' });
      // A code is unique within the district, across its communities.
      expect(codes(await create(grid('XG-A', 'COMMUNITY_AREA')))).toEqual(['CONFLICT']);
      expect(codes(await create(grid('XG-A', 'COMMUNITY_AREA', { communityId: d.neighbourId }), d.callers.neighbourStaff))).toEqual(['CONFLICT']);
      expect(await gridsRowCounts(stack)).toEqual(after);
    });

    it('refuses grids in another community (forbidden cross-community writes), and nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      expect(codes(await create(grid('XG-Y', 'COMMUNITY_AREA'), d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await create(grid('XG-Y', 'COMPOUND', { parentId: ids.area }), d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await create(grid('XG-Y', 'COMMUNITY_AREA', { communityId: d.farCommunityId }), d.callers.streetAdmin))).toEqual(['FORBIDDEN']);
      for (const caller of [d.callers.gridWorker, d.callers.analyst, d.callers.firmStaff, resident]) {
        expect(codes(await create(grid('XG-Y', 'COMMUNITY_AREA'), caller))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await stack.gql(`mutation($id: ID!) { moveGrid(id: $id, parentId: null) { grid { id } } }`, { id: ids.compoundGrid }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(await gridsRowCounts(stack)).toEqual(before);
    });

    it('moves a grid within its community; its descendants follow', async () => {
      const move = (id: string, parentId: string | null) =>
        stack.gql(`mutation($id: ID!, $parentId: ID) { moveGrid(id: $id, parentId: $parentId) { grid { id parent { id } } } }`, { id, parentId }, staff);
      // Under a building grid a compound grid cannot sit; under a grid of another compound neither.
      expect(rejection(await move(ids.compoundGrid, ids['XG-B1']))).toEqual({ code: 'BAD_USER_INPUT', field: 'parentId' });
      expect(rejection(await move(ids['XG-B2'], ids.looseGrid))).toEqual({ code: 'BAD_USER_INPUT', field: 'parentId' });

      expect((await move(ids.compoundGrid, null)).data.moveGrid.grid).toEqual({ id: ids.compoundGrid, parent: null });
      expect((await move(ids.compoundGrid, ids.area)).data.moveGrid.grid).toEqual({ id: ids.compoundGrid, parent: { id: ids.area } });
      const moved = (await gridsEvents(stack, 'grids.grid.moved')).map((e) => e.payload as any);
      expect(moved.map((p) => [p.gridId, p.parentId, p.ancestorGridIds])).toEqual([
        [ids.compoundGrid, null, []],
        [ids.compoundGrid, ids.area, [ids.area]],
      ]);
      // Each move is the grid's next change; the tickets service's copy ends holding the last one's number.
      expect(moved[1].sequence).toBe(moved[0].sequence + 1);
      await waitFor(async () => {
        const [copy] = await stack.subgraphs.tickets.orm.em.fork().getConnection().execute(`select parent_id, sequence from grid_node where id = ?`, [ids.compoundGrid]);
        expect({ parentId: copy.parent_id, sequence: Number(copy.sequence) }).toEqual({ parentId: ids.area, sequence: moved[1].sequence });
      }, { timeoutMs: 5_000 });
      const tree = await stack.gql(`query($id: ID!) { grid(id: $id) { children { code parent { parent { code } } } } }`, { id: ids.compoundGrid }, resident);
      expect(tree.data.grid.children).toEqual([
        { code: 'XG-B1', parent: { parent: { code: 'XG-A' } } },
        { code: 'XG-B2', parent: { parent: { code: 'XG-A' } } },
      ]);
    });

    it('finds the deepest grid at a point (residents’ GridAt)', async () => {
      const gridAt = (x: number, y: number) => op(stack, 'GridAt', at(x, y), resident);
      const codeAt = async (x: number, y: number) => {
        const r = await gridAt(x, y);
        return r.errors ? r.errors[0].extensions?.code : r.data.gridAt.code;
      };
      const inWest = await gridAt(0.001, 0.001);
      expect(inWest.data.gridAt).toEqual({
        id: ids['XG-B1'],
        code: 'XG-B1',
        name: 'XG-B1 网格',
        level: 'BUILDING_UNIT',
        community: { id: d.communityId, name: '西关社区' },
        compound: { id: ids.compound, name: '西关小区', propertyFirm: { id: d.firmId, name: '安居物业' } },
      });
      expect(await codeAt(0.0045, 0.001)).toBe('XG-B2');
      // In the compound grid, outside both building grids; in the area grid's western arm.
      expect(await codeAt(0.002, 0.003)).toBe('XG-C');
      expect(await codeAt(0.002, 0.008)).toBe('XG-A');
      // On the edge the two building grids share (equal areas): the lower code, every time.
      expect(await codeAt(0.003, 0.001)).toBe('XG-B1');
      // On a vertex shared by all four grids: the deepest.
      expect(await codeAt(0, 0)).toBe('XG-B1');
      // On the area grid's outer edge and at its reflex corner: contained.
      expect(await codeAt(0.01, 0.0025)).toBe('XG-A');
      expect(await codeAt(0.005, 0.005)).toBe('XG-A');
      // In the notch of the concave area grid, and far away: no grid.
      expect(await codeAt(0.008, 0.008)).toBe('NOT_FOUND');
      expect(await codeAt(0.5, 0.5)).toBe('NOT_FOUND');
      expect(rejection(await op(stack, 'GridAt', { lat: 91, lng: 108.9 }, resident))).toEqual({ code: 'BAD_USER_INPUT', field: 'lat' });
      expect(rejection(await op(stack, 'GridAt', { lat: 34, lng: -181 }, resident))).toEqual({ code: 'BAD_USER_INPUT', field: 'lng' });
      expect(codes(await op(stack, 'GridAt', at(0.001, 0.001), null))).toEqual(['UNAUTHENTICATED']);
    });

    it('resolves Grid and Compound references in one batch, public, null for unknown ids', async () => {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { id code } ... on Compound { id name } } }`;
      const representations = [
        { __typename: 'Grid', id: ids['XG-B2'] },
        { __typename: 'Compound', id: ids.compound },
        { __typename: 'Grid', id: 'no-such-grid' },
        { __typename: 'Grid', id: ids.area },
      ];
      const send = async (token: string | null) => {
        const res = await fetch(stack.subgraphs.grids.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables: { r: representations } }),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const r = await send(await mintToken({ sub: resident.sub, roles: resident.roles, orgs: [] }));
      expect(r.body.data._entities).toEqual([{ id: ids['XG-B2'], code: 'XG-B2' }, { id: ids.compound, name: '西关小区' }, null, { id: ids.area, code: 'XG-A' }]);
      // The subgraph checks the token itself.
      expect((await send(null)).status).toBe(401);
    });
  });

  describe('grid staff and visits', () => {
    let worker: Caller;
    let workerId: string;
    let otherId: string;
    const assign = (input: Record<string, unknown>, as: Caller = staff) => op(stack, 'AssignGridStaff', { input }, as);
    const visit = (input: Record<string, unknown>, as: Caller) => op(stack, 'RecordVisit', { input }, as);
    // Visits this month, whenever the test runs: from an hour ago (or the month's first minute), a second apart.
    const started = new Date();
    const thisMonth = () => monthOf(started);
    const when = (i: number) => new Date(Math.max(parsePeriod(thisMonth()).start.getTime() + 60_000, started.getTime() - 3_600_000) + i * 1000).toISOString();

    beforeAll(async () => {
      workerId = await registerPerson(stack, staff, '王芳', '13800000001');
      otherId = await registerPerson(stack, staff, '李强', '13800000002');
      worker = { sub: workerId, roles: ['GRID_WORKER'], orgs: [d.communityId] };
    });

    it('assigns staff to grids', async () => {
      const r = await assign({ gridId: ids.compoundGrid, personId: workerId, role: 'GRID_MEMBER' });
      expect(r.errors).toBeUndefined();
      expect(r.data.assignGridStaff.assignment).toMatchObject({ role: 'GRID_MEMBER', person: { id: workerId, name: '王芳' }, grid: { id: ids.compoundGrid, code: 'XG-C' } });
      ids.workerAssignment = r.data.assignGridStaff.assignment.id;
      for (const [gridId, role] of [[ids.area, 'GRID_LEADER'], [ids['XG-B1'], 'BUILDING_STEWARD']]) {
        const other = await assign({ gridId, personId: otherId, role });
        expect(other.errors).toBeUndefined();
        ids[`other-${role}`] = other.data.assignGridStaff.assignment.id;
      }
      const events = (await gridsEvents(stack, 'grids.staff.assigned')).map((e) => e.payload);
      expect(events[0]).toEqual({ assignmentId: ids.workerAssignment, gridId: ids.compoundGrid, personId: workerId, role: 'GRID_MEMBER', communityId: d.communityId });
    });

    it('refuses a second active assignment in the same role, other communities and other roles, and nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      expect(codes(await assign({ gridId: ids.compoundGrid, personId: workerId, role: 'GRID_MEMBER' }))).toEqual(['CONFLICT']);
      for (const caller of [d.callers.neighbourStaff, worker, d.callers.analyst, resident]) {
        expect(codes(await assign({ gridId: ids.area, personId: workerId, role: 'INFORMATION_OFFICER' }, caller))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await assign({ gridId: 'no-such-grid', personId: workerId, role: 'GRID_MEMBER' }))).toEqual(['NOT_FOUND']);
      expect(await gridsRowCounts(stack)).toEqual(before);
    });

    it('shows grids to everyone and their staff to the scope only (CommunityGrids)', async () => {
      const read = (as: Caller) => op(stack, 'CommunityGrids', { communityId: d.communityId }, as);
      const own = await read(staff);
      expect(own.errors).toBeUndefined();
      const grids = own.data.organisation.grids;
      expect(grids.map((g: any) => g.code)).toEqual(['XG-A', 'XG-N']);
      expect(grids[0]).toMatchObject({ households: 900, residents: 2600, level: 'COMMUNITY_AREA', children: [{ code: 'XG-C', level: 'COMPOUND', households: 480 }] });
      // Community staff see the people and their whole phones (organisations' masking).
      expect(grids[0].staff).toEqual([{ role: 'GRID_LEADER', person: { id: otherId, name: '李强', phone: '13800000002' } }]);

      for (const outsider of [resident, d.callers.neighbourStaff, d.callers.firmStaff]) {
        const r = await read(outsider);
        // The public part resolves; staff do not, and nothing of them leaks.
        expect(r.data.organisation.grids.map((g: any) => [g.code, g.staff])).toEqual([['XG-A', null], ['XG-N', null]]);
        expect(new Set(codes(r))).toEqual(new Set(['FORBIDDEN']));
        expect(JSON.stringify(r)).not.toContain(otherId);
      }
      const analyst = await read(d.callers.analyst);
      expect(analyst.errors).toBeUndefined();
      expect(analyst.data.organisation.grids[0].staff[0].person.phone).toBe('138****0002');
    });

    it('a grid worker records its own visits on a grid it is assigned to', async () => {
      const r = await visit({ gridId: ids.compoundGrid, at: when(0), householdsVisited: 12, notes: '走访12户，收集诉求3件' }, worker);
      expect(r.errors).toBeUndefined();
      expect(r.data.recordVisit.visit).toMatchObject({ householdsVisited: 12, notes: '走访12户，收集诉求3件', grid: { id: ids.compoundGrid, code: 'XG-C' }, visitor: { id: workerId, name: '王芳' } });
      expect(new Date(r.data.recordVisit.visit.at).toISOString()).toBe(when(0));
      // A building grid below its compound grid is covered by the assignment.
      expect((await visit({ gridId: ids['XG-B2'], at: when(1), householdsVisited: 5 }, worker)).errors).toBeUndefined();
    });

    it('refuses visits elsewhere, for others, or out of scope, and bad input; nothing changes', async () => {
      const before = await gridsRowCounts(stack);
      // Not assigned to the area grid above its compound grid; not someone else's visits.
      expect(codes(await visit({ gridId: ids.area, at: when(2), householdsVisited: 3 }, worker))).toEqual(['FORBIDDEN']);
      expect(codes(await visit({ gridId: ids.compoundGrid, at: when(2), householdsVisited: 3, visitorId: otherId }, worker))).toEqual(['FORBIDDEN']);
      // A grid worker of another community, assigned nowhere here; other roles.
      const stranger: Caller = { sub: workerId, roles: ['GRID_WORKER'], orgs: [d.neighbourId] };
      for (const caller of [stranger, d.callers.neighbourStaff, d.callers.analyst, d.callers.firmStaff, resident]) {
        expect(codes(await visit({ gridId: ids.compoundGrid, at: when(2), householdsVisited: 3, visitorId: workerId }, caller))).toEqual(['FORBIDDEN']);
      }
      const bad: [Record<string, unknown>, string][] = [
        [{ householdsVisited: 0 }, 'householdsVisited'],
        [{ at: new Date(Date.now() + 3_600_000).toISOString() }, 'at'],
        [{ at: new Date(Date.now() - 40 * 86_400_000).toISOString() }, 'at'],
        [{ notes: '记'.repeat(2001) }, 'notes'],
      ];
      for (const [input, field] of bad) {
        expect(rejection(await visit({ gridId: ids.compoundGrid, at: when(2), householdsVisited: 3, ...input }, worker))).toEqual({ code: 'BAD_USER_INPUT', field });
      }
      // Staff entering a visit for someone without an assignment there.
      expect(rejection(await visit({ gridId: ids.looseGrid, at: when(2), householdsVisited: 3, visitorId: workerId }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'visitorId' });
      expect(await gridsRowCounts(stack)).toEqual(before);
    });

    it('community staff may enter a visit for an assigned worker', async () => {
      const r = await visit({ gridId: ids.compoundGrid, at: when(3), householdsVisited: 8, visitorId: workerId }, staff);
      expect(r.errors).toBeUndefined();
      expect(r.data.recordVisit.visit.visitor).toEqual({ id: workerId, name: '王芳' });
    });

    it('reports visit compliance for the month (4 required of compound heads, grid leaders and members)', async () => {
      await visit({ gridId: ids.compoundGrid, at: when(4), householdsVisited: 6 }, worker);
      const r = await op(stack, 'VisitCompliance', { communityId: d.communityId, month: thisMonth() }, staff);
      expect(r.errors).toBeUndefined();
      // The building steward is not listed: that role requires no visits.
      expect(r.data.visitCompliance).toEqual([
        { person: { id: otherId, name: '李强' }, grid: { id: ids.area, code: 'XG-A', name: 'XG-A 网格' }, role: 'GRID_LEADER', required: 4, visits: 0, compliant: false },
        { person: { id: workerId, name: '王芳' }, grid: { id: ids.compoundGrid, code: 'XG-C', name: 'XG-C 网格' }, role: 'GRID_MEMBER', required: 4, visits: 4, compliant: true },
      ]);
      // The grid worker and analysts of the scope read it too.
      expect((await op(stack, 'VisitCompliance', { communityId: d.communityId, month: thisMonth() }, worker)).errors).toBeUndefined();
      expect((await op(stack, 'VisitCompliance', { communityId: d.communityId, month: thisMonth() }, d.callers.analyst)).errors).toBeUndefined();
    });

    it('refuses compliance outside the scope or for a bad month', async () => {
      for (const caller of [d.callers.neighbourStaff, d.callers.firmStaff, resident]) {
        const r = await op(stack, 'VisitCompliance', { communityId: d.communityId, month: thisMonth() }, caller);
        expect(codes(r)).toEqual(['FORBIDDEN']);
        expect(r.data).toBeNull();
      }
      expect(rejection(await op(stack, 'VisitCompliance', { communityId: d.communityId, month: '2026-13' }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
      expect(rejection(await op(stack, 'VisitCompliance', { communityId: d.streetId, month: thisMonth() }, d.callers.streetAdmin))).toEqual({ code: 'BAD_USER_INPUT', field: 'communityId' });
    });

    it('ends an assignment: it leaves compliance and the roster, and stays in the history', async () => {
      const end = (id: string, as: Caller = staff) => stack.gql(`mutation($id: ID!) { unassignGridStaff(id: $id) { assignment { id active until } } }`, { id }, as);
      expect(codes(await end(ids['other-GRID_LEADER'], d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      const r = await end(ids['other-GRID_LEADER']);
      expect(r.data.unassignGridStaff.assignment).toMatchObject({ id: ids['other-GRID_LEADER'], active: false });
      expect(codes(await end(ids['other-GRID_LEADER']))).toEqual(['CONFLICT']);
      const compliance = await op(stack, 'VisitCompliance', { communityId: d.communityId, month: thisMonth() }, staff);
      expect(compliance.data.visitCompliance.map((e: any) => e.role)).toEqual(['GRID_MEMBER']);
      const roster = await stack.gql(`query($id: ID!) { grid(id: $id) { staff { role } history: staff(includeEnded: true) { role active } } }`, { id: ids.area }, staff);
      expect(roster.data.grid).toEqual({ staff: [], history: [{ role: 'GRID_LEADER', active: false }] });
      const [ended] = await gridsEvents(stack, 'grids.staff.unassigned');
      expect(ended.payload).toEqual({ assignmentId: ids['other-GRID_LEADER'], gridId: ids.area, personId: otherId, role: 'GRID_LEADER', communityId: d.communityId });
    });
  });

  describe('coverage (三覆盖)', () => {
    it('counts the compounds of a scope and breaks them down by child, for every caller', async () => {
      // So far: 西关小区 (firm + party + owners: fully covered), 南院小区 (community-managed), 北院小区 (NONE) in 西关社区; 东关小区 (NONE) in 东关社区.
      // Add one in the other street with a party organisation only.
      const far = await op(
        stack,
        'CreateCompound',
        { input: { name: '大麦市小区', communityId: d.farCommunityId, managementMode: 'SELF_MANAGED', households: 40, partyOrganisationId: d.partyBranchId } },
        d.callers.districtAdmin,
      );
      expect(far.errors).toBeUndefined();

      const r = await op(stack, 'Coverage', { scopeId: d.districtId }, resident);
      expect(r.errors).toBeUndefined();
      expect(r.data.coverage).toEqual({
        scope: { id: d.districtId, name: '莲湖区', kind: 'DISTRICT' },
        compounds: 5,
        withPartyOrganisation: 2,
        withOwnersCommittee: 1,
        withPropertyService: 3,
        fullyCovered: 1,
        rate: 0.2,
        breakdown: [
          { scope: { id: d.otherStreetId, name: '北院门街道', kind: 'STREET' }, compounds: 1, fullyCovered: 0, rate: 0 },
          { scope: { id: d.streetId, name: '青年路街道', kind: 'STREET' }, compounds: 4, fullyCovered: 1, rate: 0.25 },
        ],
      });
      const street = await op(stack, 'Coverage', { scopeId: d.streetId }, d.callers.firmStaff);
      expect(street.data.coverage.breakdown).toEqual([
        { scope: { id: d.neighbourId, name: '东关社区', kind: 'COMMUNITY' }, compounds: 1, fullyCovered: 0, rate: 0 },
        { scope: { id: d.communityId, name: '西关社区', kind: 'COMMUNITY' }, compounds: 3, fullyCovered: 1, rate: 1 / 3 },
      ]);
      const community = await op(stack, 'Coverage', { scopeId: d.communityId }, resident);
      expect(community.data.coverage).toMatchObject({ compounds: 3, withPropertyService: 2, breakdown: [] });
    });

    it('a scope without compounds is covered (rate 1); other kinds and unknown ids are refused', async () => {
      const police = await op(stack, 'Coverage', { scopeId: d.policeId }, resident);
      expect(rejection(police)).toEqual({ code: 'BAD_USER_INPUT', field: 'scopeId' });
      expect(codes(await op(stack, 'Coverage', { scopeId: 'no-such-organisation' }, resident))).toEqual(['NOT_FOUND']);
      const empty = await op(stack, 'CreateOrganisation', { input: { name: '新社区', kind: 'COMMUNITY', parentId: d.otherStreetId } }, SYSTEM_ADMIN);
      const id = empty.data.createOrganisation.organisation.id;
      await waitFor(async () => expect((await op(stack, 'Coverage', { scopeId: id }, resident)).data?.coverage).toMatchObject({ compounds: 0, fullyCovered: 0, rate: 1 }));
    });
  });
});
