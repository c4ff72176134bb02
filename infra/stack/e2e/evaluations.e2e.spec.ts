import { randomUUID } from 'node:crypto';
import { OutboxEvent, RectificationOverdue } from '@linli/events';
import { waitFor } from '@linli/testing';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { contractOperation } from './contract';
import { buildDistrict, creditCode, SYSTEM_ADMIN, type District } from './fixtures';
import { playStories, TicketStory } from './evaluations-story';

/**
 * The evaluations subgraph through the real gateway, in both run modes: the
 * tickets events (published as the tickets subgraph publishes them, at exact
 * instants) and the contract's own operations (inspections, rectifications,
 * finalisation) turn into assessments, service rates and rankings.
 *
 * Worked example (times in China Standard Time, UTC+8; F = 安居物业, G = 宏达物业,
 * P = 青年路派出所; 西关 and 东关 lie in 青年路街道, 大麦市 in 北院门街道; F
 * manages compound A in 西关 and C in 大麦市, G manages B in 东关):
 *
 * | ticket | community | story                                                                                   |
 * |--------|-----------|-----------------------------------------------------------------------------------------|
 * | T1     | 西关      | 10-05 09:00 submit; → F 10:00; accept 12:00 (due 10-06 10:00 ✓); resolve 10-06 10:00 (due 10-08 10:00 ✓); rated 5 10-06 |
 * | T2     | 西关      | 10-10 → F 10:00; accept 10-12 10:00 (due 10-11 10:00 ✗); resolve 10-12 12:00 (due 10-13 10:00 ✓); rated 2 10-13 09:00 |
 * | T3     | 西关      | 10-20 → F 10:00, F returns 11:00; → G 14:00; accept 15:00 ✓; resolve 10-25 15:00 (due 10-23 14:00 ✗); rated 4 10-26 |
 * | T4     | 东关      | 10-28 → G 10:00; accept ✓; resolve 10-29 ✓; reopened 10-30 10:00 (new due 11-02 10:00); resolve 11-03 10:00 ✗; rated 1 11-03 12:00 |
 * | T5     | 西关      | submitted 11-01 00:30 (still 10-31 in UTC); → F 01:00, re-dispatched → F 08:00; accept 09:00 ✓; resolve 11-02 09:00 ✓; rated 5 |
 * | T6     | 大麦市    | 10-31 20:00; → F 22:00 (October); returned 11-01 09:00; → F 10:00 (November); accept 11:00 ✓; open |
 * | T7     | 西关      | 11-05 → P 10:00; accept ✓; resolve ✓; rated 3 |
 * | T8     | 东关      | 11-07 submitted, cancelled |
 * | T9     | 东关      | 11-10 submitted, never dispatched |
 * Inspections: F at A 10-15 (90, 80, 70 → 80) and 10-25 (85, 90 → 87.5); G at B 11-12 (60, 75 → 67.5).
 *
 * Assessments (base = 40·sat + 20·resp + 20·res + 0.2·insp; −2 per bad rating given in the month):
 * | firm | month | tickets dispatched (once each) | resp (accepted in time) | res (resolved in time by it) | ratings given in month | insp  | base                      | deduct | score | grade     |
 * |------|-------|--------------------------------|-------------------------|------------------------------|------------------------|-------|---------------------------|--------|-------|-----------|
 * | F    | 10    | T1 T2 T3 T6 = 4                | T1 T6 = 2/4 = 0.5 (a)   | T1 T2 = 2/4 = 0.5            | 5, 2 → 1/2 = 0.5       | 83.75 | 20 + 10 + 10 + 16.75 = 56.75 | 2 (T2) | 54.8  | POOR      |
 * | F    | 11    | T5 (twice: once) T6 = 2        | T5 T6 = 1               | T5 = 1/2 = 0.5               | 5 → 1                  | 100   | 40 + 20 + 10 + 20 = 90    | 0      | 90    | EXCELLENT |
 * | G    | 10    | T3 T4 = 2                      | 1                       | T3 late, T4's last resolve late = 0 | 4 → 1           | 100   | 40 + 20 + 0 + 20 = 80     | 0      | 80    | GOOD      |
 * | G    | 11    | none: N = 0 → rates 1          | 1                       | 1                            | 1 → 0/1 = 0            | 67.5  | 0 + 20 + 20 + 13.5 = 53.5 | 2 (T4) | 51.5  | POOR      |
 * | P    | 11    | T7 = 1                         | 1                       | 1                            | 3 → 0/1 = 0            | 100   | 0 + 20 + 20 + 20 = 60     | 0      | 60    | FAIR      |
 * (a) T6 counts in both months (dispatched to F in each); F accepted it in time (in November), which the ticket's
 *     "accepted by F by responseDueAt" records once for the pair (ticket, F).
 *
 * Service rates (tickets submitted in the period, cancelled ones left out; resp over dispatched tickets):
 * | scope, period     | tickets | dispatched / in time | resolved | rated / 4–5 | resp  | res  | sat |
 * |-------------------|---------|----------------------|----------|-------------|-------|------|-----|
 * | 西关 2026-10      | 3       | 3 / 2 (T1, T3)       | 3        | 3 / 2       | 2/3   | 1    | 2/3 |
 * | 西关 2026-11      | 2       | 2 / 2                | 2        | 2 / 1       | 1     | 1    | 0.5 |
 * | 东关 2026-10      | 1       | 1 / 1                | 1        | 1 / 0       | 1     | 1    | 0   |
 * | 东关 2026-11      | 1 (T9)  | 0                    | 0        | 0           | 1     | 0    | 1   |
 * | 大麦市 2026-10    | 1       | 1 / 1                | 0        | 0           | 1     | 0    | 1   |
 * | 青年路 2026-Q4    | 7       | 6 / 5                | 6        | 6 / 3       | 5/6   | 6/7  | 0.5 |
 * | district 2026-10  | 5       | 5 / 4                | 4        | 4 / 2       | 0.8   | 0.8  | 0.5 |
 * | G (assigned) 10   | 2 (T3, T4) | 2 / 2             | 2        | 2 / 1       | 1     | 1    | 0.5 |
 */

const CST = (t: string) => `2026-${t}+08:00`;
const START = new Date(CST('12-02T10:00:00'));

describe.each(MODES)('evaluations through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let d: District;
  let clock = START;
  const compounds: Record<string, string> = {};
  const resident: Caller = { sub: 'resident-1', roles: ['RESIDENT'] };

  const ok = async (op: string, variables: Record<string, unknown>, as: Caller | null) => {
    const r = await stack.gql(contractOperation(op), variables, as);
    if (r.errors) throw new Error(`${op}: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  const assessment = async (firmId: string, period: string, as: Caller = resident) => (await ok('FirmAssessment', { firmId, period }, as)).organisation;
  const createCompound = async (name: string, communityId: string, firmId: string, as: Caller) =>
    (await ok('CreateCompound', { input: { name, communityId, managementMode: 'COMMERCIAL', households: 300, propertyFirmId: firmId } }, as)).createCompound.compound.id as string;
  const compoundKnown = (id: string) =>
    waitFor(async () => {
      const rows = await stack.subgraphs.evaluations.orm.em.fork().getConnection().execute('select count(*) as n from compound where id = ?', [id]);
      return Number(rows[0].n) === 1;
    }, { timeoutMs: 10_000, intervalMs: 50 });

  beforeAll(async () => {
    stack = await startTestStack(mode, 'evaluations', { now: () => clock });
    d = await buildDistrict(stack);
    compounds.A = await createCompound('西关小区', d.communityId, d.firmId, d.callers.communityStaff);
    compounds.B = await createCompound('东关小区', d.neighbourId, d.otherFirmId, d.callers.neighbourStaff);
    compounds.C = await createCompound('大麦市小区', d.farCommunityId, d.firmId, SYSTEM_ADMIN);
    for (const id of Object.values(compounds)) await compoundKnown(id);
  }, 60_000);
  afterAll(() => stack?.stop());

  describe('the worked example', () => {
    beforeAll(async () => {
      const { firmId: F, otherFirmId: G, policeId: P, communityId: XG, neighbourId: DG, farCommunityId: DMS } = d;
      const story = (community: string, at: string) => new TicketStory(randomUUID(), community, CST(at));
      await playStories(stack, [
        story(XG, '10-05T09:00:00').dispatch(F, CST('10-05T10:00:00')).accept(CST('10-05T12:00:00')).resolve(CST('10-06T10:00:00')).rate(5, CST('10-06T12:00:00')),
        story(XG, '10-10T09:00:00').dispatch(F, CST('10-10T10:00:00')).accept(CST('10-12T10:00:00')).resolve(CST('10-12T12:00:00')).rate(2, CST('10-13T09:00:00')),
        story(XG, '10-20T09:00:00')
          .dispatch(F, CST('10-20T10:00:00'))
          .giveBack(CST('10-20T11:00:00'))
          .dispatch(G, CST('10-20T14:00:00'))
          .accept(CST('10-20T15:00:00'))
          .resolve(CST('10-25T15:00:00'))
          .rate(4, CST('10-26T10:00:00')),
        story(DG, '10-28T09:00:00')
          .dispatch(G, CST('10-28T10:00:00'))
          .accept(CST('10-28T11:00:00'))
          .resolve(CST('10-29T10:00:00'))
          .reopen(CST('10-30T10:00:00'))
          .resolve(CST('11-03T10:00:00'))
          .rate(1, CST('11-03T12:00:00')),
        story(XG, '11-01T00:30:00')
          .dispatch(F, CST('11-01T01:00:00'))
          .dispatch(F, CST('11-01T08:00:00'))
          .accept(CST('11-01T09:00:00'))
          .resolve(CST('11-02T09:00:00'))
          .rate(5, CST('11-02T10:00:00')),
        story(DMS, '10-31T20:00:00').dispatch(F, CST('10-31T22:00:00')).giveBack(CST('11-01T09:00:00')).dispatch(F, CST('11-01T10:00:00')).accept(CST('11-01T11:00:00')),
        story(XG, '11-05T09:00:00').dispatch(P, CST('11-05T10:00:00')).accept(CST('11-05T11:00:00')).resolve(CST('11-06T10:00:00')).rate(3, CST('11-06T11:00:00')),
        story(DG, '11-07T09:00:00').cancel(CST('11-07T10:00:00')),
        story(DG, '11-10T09:00:00'),
      ]);
      const inspect = (firmId: string, compoundId: string, at: string, scores: number[], as: Caller) =>
        ok('RecordInspection', { input: { firmId, compoundId, at: CST(at), items: scores.map((score, i) => ({ item: ['保洁', '绿化', '安保'][i], score })) } }, as);
      const i1 = await inspect(F, compounds.A, '10-15T10:00:00', [90, 80, 70], d.callers.communityStaff);
      expect(i1.recordInspection.inspection).toMatchObject({
        at: new Date(CST('10-15T10:00:00')).toISOString(),
        score: 80,
        items: [{ item: '保洁', score: 90 }, { item: '绿化', score: 80 }, { item: '安保', score: 70 }],
        firm: { id: F, name: '安居物业' },
        compound: { id: compounds.A, name: '西关小区' },
      });
      await inspect(F, compounds.A, '10-25T10:00:00', [85, 90], d.callers.streetAdmin);
      await inspect(G, compounds.B, '11-12T10:00:00', [60, 75], d.callers.neighbourStaff);
    }, 60_000);

    it.each([
      ['F', '2026-10', { ticketCount: 4, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 0.5, inspectionScore: 83.75, score: 54.8, grade: 'POOR' }, 1],
      ['F', '2026-11', { ticketCount: 2, responseRate: 1, resolutionRate: 0.5, satisfactionRate: 1, inspectionScore: 100, score: 90, grade: 'EXCELLENT' }, 0],
      ['G', '2026-10', { ticketCount: 2, responseRate: 1, resolutionRate: 0, satisfactionRate: 1, inspectionScore: 100, score: 80, grade: 'GOOD' }, 0],
      ['G', '2026-11', { ticketCount: 0, responseRate: 1, resolutionRate: 1, satisfactionRate: 0, inspectionScore: 67.5, score: 51.5, grade: 'POOR' }, 1],
      ['P', '2026-11', { ticketCount: 1, responseRate: 1, resolutionRate: 1, satisfactionRate: 0, inspectionScore: 100, score: 60, grade: 'FAIR' }, 0],
    ] as const)('%s in %s matches the hand computation', async (who, period, expected, bad) => {
      const id = { F: d.firmId, G: d.otherFirmId, P: d.policeId }[who];
      const org = await assessment(id, period);
      expect(org.assessment).toMatchObject({ period, finalised: false, ...expected });
      expect(org.assessment.deductions).toHaveLength(bad);
      for (const x of org.assessment.deductions) expect(x).toMatchObject({ points: 2, reason: 'BAD_RATING' });
    });

    it('lists a deduction at the instant of its bad rating; the ticket follows the ticket rules (unknown to the tickets subgraph here: null)', async () => {
      const org = await assessment(d.otherFirmId, '2026-11');
      expect(org.assessment.deductions).toEqual([{ points: 2, reason: 'BAD_RATING', at: new Date(CST('11-03T12:00:00')).toISOString(), ticket: null }]);
    });

    it('has no assessment for organisations that do not handle tickets; nothing is due yet', async () => {
      const branch = await assessment(d.partyBranchId, '2026-10');
      expect(branch).toMatchObject({ assessment: null, currentGrade: null, replacementRecommended: false, rectifications: [] });
      const quiet = await assessment(d.firmId, '2026-09');
      expect(quiet.assessment).toMatchObject({ ticketCount: 0, score: 100, grade: 'EXCELLENT', deductions: [] });
      expect(quiet).toMatchObject({ currentGrade: null, replacementRecommended: false, rectifications: [] });
    });

    const rates = (scopeId: string, period: string, as: Caller = resident) => ok('ServiceRates', { scopeId, period }, as).then((r) => r.serviceRates);

    it('serves the service rates of districts, streets, communities and handling organisations, for months and quarters', async () => {
      const district = await rates(d.districtId, '2026-10');
      expect(district).toEqual({
        scope: { id: d.districtId, name: '莲湖区', kind: 'DISTRICT' },
        period: '2026-10',
        ticketCount: 5,
        responseRate: 0.8,
        resolutionRate: 0.8,
        satisfactionRate: 0.5,
        breakdown: [
          { scope: { id: d.otherStreetId, name: '北院门街道', kind: 'STREET' }, ticketCount: 1, responseRate: 1, resolutionRate: 0, satisfactionRate: 1 },
          { scope: { id: d.streetId, name: '青年路街道', kind: 'STREET' }, ticketCount: 4, responseRate: 0.75, resolutionRate: 1, satisfactionRate: 0.5 },
        ],
      });
      const street = await rates(d.streetId, '2026-Q4');
      expect(street).toMatchObject({ period: '2026-Q4', ticketCount: 7, responseRate: 5 / 6, resolutionRate: 6 / 7, satisfactionRate: 0.5 });
      expect(street.breakdown).toEqual([
        { scope: { id: d.neighbourId, name: '东关社区', kind: 'COMMUNITY' }, ticketCount: 2, responseRate: 1, resolutionRate: 0.5, satisfactionRate: 0 },
        { scope: { id: d.communityId, name: '西关社区', kind: 'COMMUNITY' }, ticketCount: 5, responseRate: 0.8, resolutionRate: 1, satisfactionRate: 0.6 },
      ]);
      expect(await rates(d.communityId, '2026-10')).toMatchObject({ ticketCount: 3, responseRate: 2 / 3, resolutionRate: 1, satisfactionRate: 2 / 3, breakdown: [] });
      expect(await rates(d.neighbourId, '2026-11')).toMatchObject({ ticketCount: 1, responseRate: 1, resolutionRate: 0, satisfactionRate: 1 });
      expect(await rates(d.otherFirmId, '2026-10')).toMatchObject({ ticketCount: 2, responseRate: 1, resolutionRate: 1, satisfactionRate: 0.5, breakdown: [] });
      expect(await rates(d.districtId, '2026')).toMatchObject({ ticketCount: 8 });
    });

    it('refuses scopes and periods it cannot rate', async () => {
      const r1 = await stack.gql(contractOperation('ServiceRates'), { scopeId: d.partyBranchId, period: '2026-10' }, resident);
      expect(r1.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopeId' });
      const r2 = await stack.gql(contractOperation('ServiceRates'), { scopeId: d.districtId, period: '2026-13' }, resident);
      expect(r2.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
      const r3 = await stack.gql(contractOperation('ServiceRates'), { scopeId: randomUUID(), period: '2026-10' }, resident);
      expect(codes(r3)).toEqual(['NOT_FOUND']);
      const r4 = await stack.gql(contractOperation('ServiceRates'), { scopeId: d.districtId, period: '2026-10' }, null);
      expect(codes(r4)).toEqual(['UNAUTHENTICATED']);
    });

    it('ranks the firms managing compounds in the scope by the month\'s score', async () => {
      const street = (await ok('FirmRanking', { scopeId: d.streetId, period: '2026-10', first: 10 }, resident)).firmRanking;
      expect(street.map((r: any) => [r.rank, r.firm.name, r.score, r.grade, r.satisfactionRate])).toEqual([
        [1, '宏达物业', 80, 'GOOD', 1],
        [2, '安居物业', 54.8, 'POOR', 0.5],
      ]);
      expect(street[1].firm).toMatchObject({ id: d.firmId, creditCode: expect.any(String), managedCompounds: expect.arrayContaining([{ id: compounds.A, name: '西关小区', households: 300 }]) });
      const far = (await ok('FirmRanking', { scopeId: d.otherStreetId, period: '2026-11' }, resident)).firmRanking;
      expect(far.map((r: any) => [r.rank, r.firm.id, r.score])).toEqual([[1, d.firmId, 90]]);
      const top = (await ok('FirmRanking', { scopeId: d.districtId, period: '2026-11', first: 1 }, resident)).firmRanking;
      expect(top.map((r: any) => r.firm.name)).toEqual(['安居物业']);
      const bad = await stack.gql(contractOperation('FirmRanking'), { scopeId: d.districtId, period: '2026-11', first: 0 }, resident);
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('batches the assessments of an alliance\'s members (AllianceOverview)', async () => {
      const created = await ok('CreateAlliance', { input: { name: '红色物业联盟', leadOrganisationId: d.partyBranchId, memberIds: [d.firmId, d.otherFirmId, d.partyBranchId] } }, SYSTEM_ADMIN);
      const overview = (await ok('AllianceOverview', { id: created.createAlliance.alliance.id, period: '2026-10' }, resident)).alliance;
      const byName = Object.fromEntries(overview.members.map((m: any) => [m.name, m.assessment]));
      expect(byName).toEqual({ 安居物业: { score: 54.8, grade: 'POOR' }, 宏达物业: { score: 80, grade: 'GOOD' }, 西关社区党支部: null });
    });
  });

  describe('inspections', () => {
    const input = (over: Record<string, unknown> = {}) => ({ firmId: d.firmId, compoundId: compounds.A, items: [{ item: '保洁', score: 90 }], at: CST('11-20T10:00:00'), ...over });
    const record = (as: Caller | null, over: Record<string, unknown> = {}) => stack.gql(contractOperation('RecordInspection'), { input: input(over) }, as);

    it('are written by community staff and admins whose scope holds the compound', async () => {
      expect(codes(await record(d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await record(d.callers.analyst))).toEqual(['FORBIDDEN']);
      expect(codes(await record(d.callers.firmStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await record(d.callers.gridWorker))).toEqual(['FORBIDDEN']);
      expect(codes(await record(null))).toEqual(['UNAUTHENTICATED']);
    });

    it('check their inputs, and a refused one changes nothing', async () => {
      const before = (await assessment(d.firmId, '2026-11')).assessment.inspectionScore;
      const field = async (over: Record<string, unknown>) => (await record(d.callers.communityStaff, over)).errors?.[0].extensions;
      expect(await field({ items: [{ item: '保洁', score: 101 }] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.score' });
      expect(await field({ items: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
      expect(await field({ firmId: d.otherFirmId })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'firmId' });
      expect(await field({ at: CST('12-31T10:00:00') })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
      expect(await field({ compoundId: randomUUID() })).toMatchObject({ code: 'NOT_FOUND' });
      expect((await assessment(d.firmId, '2026-11')).assessment.inspectionScore).toBe(before);
    });
  });

  describe('rectifications', () => {
    let H: string;
    let compoundD: string;
    let firstId: string;
    const hStaff = (): Caller => ({ sub: 'h-staff', roles: ['HANDLER_STAFF'], orgs: [H] });
    const badTicket = (at: string, score = 1) =>
      new TicketStory(randomUUID(), d.communityId, CST(`${at}T08:00:00`))
        .dispatch(H, CST(`${at}T09:00:00`))
        .accept(CST(`${at}T10:00:00`))
        .resolve(CST(`${at}T11:00:00`))
        .rate(score, CST(`${at}T12:00:00`));

    beforeAll(async () => {
      H = (await ok('CreateOrganisation', { input: { name: '恒信物业', kind: 'PROPERTY_FIRM', parentId: d.districtId, creditCode: creditCode('H9') } }, SYSTEM_ADMIN)).createOrganisation.organisation.id;
      // The grids subgraph learns of the new firm from its event: retry until it has.
      compoundD = await waitFor(() => createCompound('恒信小区', d.communityId, H, d.callers.communityStaff), { timeoutMs: 10_000, intervalMs: 100 });
      await compoundKnown(compoundD);
    });

    it('are issued when a firm\'s bad ratings in the trailing 30 days reach 3, and not again while one is open', async () => {
      await playStories(stack, [badTicket('11-10'), badTicket('11-20', 2), badTicket('11-21', 3)]);
      expect((await assessment(H, '2026-11')).rectifications).toEqual([]);
      await playStories(stack, [badTicket('11-25')]);
      const org = await assessment(H, '2026-11');
      expect(org.rectifications).toEqual([
        {
          id: expect.any(String),
          reason: 'REPEATED_BAD_RATINGS',
          status: 'ISSUED',
          issuedAt: new Date(CST('11-25T12:00:00')).toISOString(),
          dueAt: new Date(CST('12-10T12:00:00')).toISOString(),
          response: null,
        },
      ]);
      firstId = org.rectifications[0].id;
      await playStories(stack, [badTicket('11-26', 2)]);
      expect((await assessment(H, '2026-11')).rectifications).toHaveLength(1);
      // Four bad ratings in November: 40·0 + 20 + 20 + 20 − 8 = 52.
      expect((await assessment(H, '2026-11')).assessment).toMatchObject({ ticketCount: 5, satisfactionRate: 0, score: 52, grade: 'POOR' });
    });

    it('go ISSUED → RESPONDED → (failed) ISSUED → RESPONDED → VERIFIED, by the right people only', async () => {
      const respond = (as: Caller, response = '已整改：更换保洁班组') => stack.gql(contractOperation('RespondRectification'), { id: firstId, response }, as);
      const verify = (as: Caller, passed: boolean) => stack.gql(contractOperation('VerifyRectification'), { id: firstId, passed, note: passed ? '复查合格' : '仍有问题' }, as);

      expect(codes(await verify(d.callers.communityStaff, true))).toEqual(['INVALID_TRANSITION']);
      expect((await verify(d.callers.communityStaff, true)).errors?.[0].extensions).toMatchObject({ status: 'ISSUED', action: 'VERIFY' });
      expect(codes(await respond(d.callers.firmStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await respond(d.callers.communityStaff))).toEqual(['FORBIDDEN']);
      expect((await respond(hStaff(), '')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'response' });

      expect((await respond(hStaff())).data.respondRectification.rectification).toEqual({ id: firstId, status: 'RESPONDED', response: '已整改：更换保洁班组' });
      expect((await respond(hStaff())).errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', status: 'RESPONDED', action: 'RESPOND' });
      // 东关 holds no compound of H; 西关 does.
      expect(codes(await verify(d.callers.neighbourStaff, true))).toEqual(['FORBIDDEN']);
      expect(codes(await verify(d.callers.firmStaff, true))).toEqual(['FORBIDDEN']);
      expect((await verify(d.callers.communityStaff, false)).data.verifyRectification.rectification).toEqual({ id: firstId, status: 'ISSUED' });
      await respond(hStaff(), '再次整改');
      expect((await verify(d.callers.streetAdmin, true)).data.verifyRectification.rectification).toEqual({ id: firstId, status: 'VERIFIED' });
      expect(codes(await respond(hStaff()))).toEqual(['INVALID_TRANSITION']);
      expect(codes(await stack.gql(contractOperation('RespondRectification'), { id: randomUUID(), response: 'x' }, hStaff()))).toEqual(['NOT_FOUND']);
    });

    it('become OVERDUE at their due time: a 5-point deduction that month, a replacement recommendation, and an event for grids', async () => {
      // With the first one verified, the next bad rating (five in the window) issues a new one, due 12-13 12:00.
      await playStories(stack, [badTicket('11-28')]);
      const issued = (await assessment(H, '2026-12')).rectifications;
      expect(issued.map((r: any) => [r.status, r.dueAt])).toEqual([
        ['ISSUED', new Date(CST('12-13T12:00:00')).toISOString()],
        ['VERIFIED', new Date(CST('12-10T12:00:00')).toISOString()],
      ]);
      clock = new Date(CST('12-13T12:00:01'));
      const org = await waitFor(async () => {
        const o = await assessment(H, '2026-12');
        expect(o.rectifications[0].status).toBe('OVERDUE');
        return o;
      }, { timeoutMs: 10_000, intervalMs: 200 });
      expect(org.replacementRecommended).toBe(true);
      expect(org.rectifications[1].status).toBe('VERIFIED');
      expect(org.assessment).toMatchObject({ score: 95, deductions: [{ points: 5, reason: 'RECTIFICATION_OVERDUE', at: new Date(CST('12-13T12:00:00')).toISOString(), ticket: null }] });
      expect(codes(await stack.gql(contractOperation('RespondRectification'), { id: issued[0].id, response: '迟到的回应' }, hStaff()))).toEqual(['INVALID_TRANSITION']);
      const events = await stack.subgraphs.evaluations.orm.em.fork().find(OutboxEvent, { type: RectificationOverdue.type });
      expect(events.map((e) => (e.payload as { firmId: string }).firmId)).toEqual([H]);
      // The grids subgraph puts every compound H manages under review.
      await waitFor(async () => {
        const r = await stack.gql(`query($id: ID!) { organisation(id: $id) { managedCompounds { id firmUnderReview } } }`, { id: H }, resident);
        expect(r.data.organisation.managedCompounds).toEqual([{ id: compoundD, firmUnderReview: true }]);
      }, { timeoutMs: 10_000, intervalMs: 100 });
    });
  });

  describe('finalisation', () => {
    const finalise = (scopeId: string, period: string, as: Caller) => stack.gql(contractOperation('FinaliseAssessments'), { scopeId, period }, as);

    it('is for street and district admins of the scope, for months that have begun', async () => {
      expect(codes(await finalise(d.streetId, '2026-10', d.callers.communityStaff))).toEqual(['FORBIDDEN']);
      expect(codes(await finalise(d.streetId, '2026-10', d.callers.analyst))).toEqual(['FORBIDDEN']);
      expect(codes(await finalise(d.streetId, '2026-10', { sub: 'other-street-admin', roles: ['STREET_ADMIN'], orgs: [d.otherStreetId] }))).toEqual(['FORBIDDEN']);
      expect((await finalise(d.streetId, '2027-01', d.callers.streetAdmin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
      expect((await finalise(d.streetId, '2026-Q4', d.callers.streetAdmin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
      expect((await assessment(d.firmId, '2026-10')).assessment.finalised).toBe(false);
    });

    it('freezes the month of every firm managing compounds in the scope; POOR ones get a rectification; later events change nothing', async () => {
      const r = await finalise(d.streetId, '2026-10', d.callers.streetAdmin);
      expect(r.errors).toBeUndefined();
      expect(r.data.finaliseAssessments).toEqual([
        { firm: { id: d.firmId, name: '安居物业' }, score: 54.8, grade: 'POOR', finalised: true },
        { firm: { id: expect.any(String), name: '恒信物业' }, score: 100, grade: 'EXCELLENT', finalised: true },
        { firm: { id: d.otherFirmId, name: '宏达物业' }, score: 80, grade: 'GOOD', finalised: true },
      ]);
      const f = await assessment(d.firmId, '2026-10');
      expect(f).toMatchObject({ currentGrade: 'POOR', assessment: { finalised: true, score: 54.8, ticketCount: 4 } });
      expect(f.rectifications.map((x: any) => [x.reason, x.status])).toEqual([['POOR_GRADE', 'ISSUED']]);

      // A bad rating dated in October arrives after finalisation: the frozen month stays as it was.
      await playStories(stack, [
        new TicketStory(randomUUID(), d.communityId, CST('10-27T09:00:00')).dispatch(d.firmId, CST('10-27T10:00:00')).accept(CST('10-27T11:00:00')).resolve(CST('10-28T10:00:00')).rate(1, CST('10-30T10:00:00')),
      ]);
      const after = await assessment(d.firmId, '2026-10');
      expect(after.assessment).toEqual(f.assessment);
      const late = await stack.gql(
        contractOperation('RecordInspection'),
        { input: { firmId: d.firmId, compoundId: compounds.A, at: CST('10-31T10:00:00'), items: [{ item: '保洁', score: 10 }] } },
        d.callers.communityStaff,
      );
      expect(codes(late)).toEqual(['CONFLICT']);

      // Finalising again returns the frozen months and issues nothing twice.
      const again = await finalise(d.districtId, '2026-10', d.callers.districtAdmin);
      expect(again.data.finaliseAssessments.find((a: any) => a.firm.id === d.firmId)).toMatchObject({ score: 54.8, grade: 'POOR' });
      expect((await assessment(d.firmId, '2026-10')).rectifications).toHaveLength(1);

      // currentGrade follows the latest finalised month.
      await finalise(d.districtId, '2026-11', d.callers.districtAdmin);
      expect((await assessment(d.firmId, '2026-11')).currentGrade).toBe('EXCELLENT');
      expect((await ok('FirmRanking', { scopeId: d.streetId, period: '2026-10' }, resident)).firmRanking.map((x: any) => x.score)).toEqual([100, 80, 54.8]);
    });
  });
});
