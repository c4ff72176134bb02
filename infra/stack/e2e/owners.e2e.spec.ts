import { createEnvelope, OutboxEvent, RectificationOverdue, subjectFor } from '@linli/events';
import { addMonths, monthOf, parsePeriod } from '@linli/platform';
import { waitFor } from '@linli/testing';
import { buildDistrict, type District } from './fixtures';
import { codes, MODES, startTestStack, type Caller, type TestStack } from './harness';
import { op, readCompound, registerPerson, rejection } from './grids.fixtures';
import { addMember, ownersCount, proposalToVote, registerHousehold } from './owners.fixtures';

const DAY = 86_400_000;

/**
 * Issue 14 through the real gateway, in both run modes: a proposal through
 * the party organisation, the owners' committee and the owners' vote; a
 * passed FIRM_HIRE_OR_DISMISS replacing the compound's firm on the grids
 * side; fee rates, payments and collection; the public fund spent under a
 * passed proposal; a vote closed by the scheduler. Contract operations are
 * sent unchanged. The register's households come from its mutations when the
 * supergraph has them, else from its events on the stack's bus.
 */
describe.each(MODES)('owners subgraph through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let d: District;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  let compoundId: string;
  let party: Caller;
  let committee: Caller;
  let staff: Caller;
  const owner: Record<string, Caller> = {};
  const hh: Record<string, string> = {};
  let m0: string;
  let firmVote: string;

  beforeAll(async () => {
    stack = await startTestStack(mode, 'owners', { now });
    d = await buildDistrict(stack);
    staff = d.callers.communityStaff;
    party = { sub: 'party-secretary', roles: ['COMMUNITY_STAFF'], orgs: [d.partyBranchId] };
    committee = { sub: 'committee-chair', roles: ['COMMUNITY_STAFF'], orgs: [d.ownersCommitteeId] };
    const c = await op(
      stack,
      'CreateCompound',
      { input: { name: '西关小区', communityId: d.communityId, managementMode: 'COMMERCIAL', households: 4, propertyFirmId: d.firmId, partyOrganisationId: d.partyBranchId, ownersCommitteeId: d.ownersCommitteeId } },
      staff,
    );
    compoundId = c.data.createCompound.compound.id;
    await waitFor(async () => (await ownersCount(stack, 'compound', 'id = ?', [compoundId])) === 1, { timeoutMs: 5_000, intervalMs: 50 });
    m0 = monthOf(now());

    const spec = (room: string, areaSqm: string) => ({ compoundId, communityId: d.communityId, communityAncestorIds: [d.districtId, d.streetId], building: '1', unit: '2', room, areaSqm });
    const areas: [string, string, string][] = [
      ['a', '101', '100.00'],
      ['b', '102', '80.50'],
      ['c', '201', '60.25'],
      ['tenants', '202', '50.00'],
    ];
    for (const [key, room, area] of areas) hh[key] = await registerHousehold(stack, staff, spec(room, area));
    for (const [key, phone] of [['a', '13900000001'], ['b', '13900000002'], ['c', '13900000003'], ['tenant', '13900000004']] as const) {
      const personId = await registerPerson(stack, staff, `业主${key}`, phone);
      owner[key] = { sub: personId, roles: ['RESIDENT'] };
    }
    await addMember(stack, staff, hh.a, compoundId, owner.a.sub, 'OWNER');
    await addMember(stack, staff, hh.b, compoundId, owner.b.sub, 'OWNER');
    await addMember(stack, staff, hh.c, compoundId, owner.c.sub, 'CO_OWNER');
    await addMember(stack, staff, hh.tenants, compoundId, owner.tenant.sub, 'TENANT');
    hh.spec = JSON.stringify(spec('301', '70.00'));
  }, 180_000);
  afterAll(() => stack?.stop());

  describe('a firm replaced by the owners’ vote', () => {
    it('drafts a FIRM_HIRE_OR_DISMISS proposal; bad kinds, firms and scopes are refused', async () => {
      const input = { compoundId, kind: 'FIRM_HIRE_OR_DISMISS', title: '更换物业公司', description: '原物业整改逾期', propertyFirmId: d.otherFirmId };
      expect(rejection(await op(stack, 'DraftProposal', { input }, d.callers.neighbourStaff))).toEqual({ code: 'FORBIDDEN' });
      expect(rejection(await op(stack, 'DraftProposal', { input: { ...input, propertyFirmId: null } }, committee))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
      expect(rejection(await op(stack, 'DraftProposal', { input: { ...input, propertyFirmId: d.policeId } }, committee))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
      expect(rejection(await op(stack, 'DraftProposal', { input: { ...input, amountCents: 100 } }, committee))).toEqual({ code: 'BAD_USER_INPUT', field: 'amountCents' });
      expect(await ownersCount(stack, 'proposal')).toBe(0);

      const r = await op(stack, 'DraftProposal', { input }, committee);
      expect(r.errors).toBeUndefined();
      expect(r.data.draftProposal.proposal).toMatchObject({
        compound: { id: compoundId, name: '西关小区' },
        kind: 'FIRM_HIRE_OR_DISMISS',
        threshold: 'ORDINARY',
        status: 'DRAFT',
        amountCents: null,
        propertyFirm: { id: d.otherFirmId, name: '宏达物业' },
      });
      firmVote = r.data.draftProposal.proposal.id;
    });

    it('goes through the party organisation, then the committee; the wrong reviewer and the wrong step are refused', async () => {
      expect(rejection(await op(stack, 'OpenVoting', { id: firmVote, closesAt: new Date(now().getTime() + 2 * DAY).toISOString() }, committee))).toEqual({ code: 'INVALID_TRANSITION' });
      expect((await op(stack, 'SubmitProposal', { id: firmVote }, committee)).data.submitProposal.proposal.status).toBe('PARTY_REVIEW');
      expect(rejection(await op(stack, 'ReviewProposal', { id: firmVote, approve: true, note: '' }, committee))).toEqual({ code: 'FORBIDDEN' });
      expect(rejection(await op(stack, 'ReviewProposal', { id: firmVote, approve: true, note: '' }, staff))).toEqual({ code: 'FORBIDDEN' });
      const p = await op(stack, 'ReviewProposal', { id: firmVote, approve: true, note: '党支部同意' }, party);
      expect(p.errors).toBeUndefined();
      expect(p.data.reviewProposal.proposal).toMatchObject({ status: 'COMMITTEE_REVIEW', reviews: [{ stage: 'PARTY', approved: true, note: '党支部同意' }] });
      const c = await op(stack, 'ReviewProposal', { id: firmVote, approve: true, note: '业委会同意' }, committee);
      expect(c.data.reviewProposal.proposal.status).toBe('APPROVED');
      expect(c.data.reviewProposal.proposal.reviews.map((r: { stage: string }) => r.stage)).toEqual(['PARTY', 'COMMITTEE']);
    });

    it('opens the vote with a frozen electorate: households with an owner', async () => {
      const closesAt = (ms: number) => new Date(now().getTime() + ms).toISOString();
      expect(rejection(await op(stack, 'OpenVoting', { id: firmVote, closesAt: closesAt(2 * DAY) }, party))).toEqual({ code: 'FORBIDDEN' });
      expect(rejection(await op(stack, 'OpenVoting', { id: firmVote, closesAt: closesAt(DAY / 2) }, committee))).toEqual({ code: 'BAD_USER_INPUT', field: 'closesAt' });
      const r = await op(stack, 'OpenVoting', { id: firmVote, closesAt: closesAt(2 * DAY) }, committee);
      expect(r.errors).toBeUndefined();
      expect(r.data.openVoting.proposal).toMatchObject({ status: 'VOTING', electorate: { households: 3, areaSqm: 240.75 } });

      // A household registered after opening is not in the electorate.
      hh.late = await registerHousehold(stack, staff, JSON.parse(hh.spec));
      const late = await registerPerson(stack, staff, '业主late', '13900000005');
      owner.late = { sub: late, roles: ['RESIDENT'] };
      await addMember(stack, staff, hh.late, compoundId, late, 'OWNER');
      expect(rejection(await op(stack, 'CastVote', { proposalId: firmVote, householdId: hh.late, choice: 'FOR' }, owner.late))).toEqual({ code: 'FORBIDDEN' });
      const opened = await stack.subgraphs.owners.orm.em.fork().find(OutboxEvent, { type: 'owners.proposal.votingOpened' });
      expect(opened.map((e) => e.payload)).toEqual([
        expect.objectContaining({ proposalId: firmVote, compoundId, communityId: d.communityId, communityAncestorIds: [d.districtId, d.streetId], kind: 'FIRM_HIRE_OR_DISMISS', ownerPersonIds: [owner.a.sub, owner.b.sub, owner.c.sub].sort() }),
      ]);
    });

    it('takes one vote per household from its owners; a changed vote replaces the earlier; the tally hides choices while open', async () => {
      const vote = (as: Caller, householdId: string, choice: string) => op(stack, 'CastVote', { proposalId: firmVote, householdId, choice }, as);
      const a = await vote(owner.a, hh.a, 'FOR');
      expect(a.errors).toBeUndefined();
      expect(a.data.castVote.vote).toMatchObject({ choice: 'FOR', household: { id: hh.a, address: '1栋2单元101室' } });
      expect(rejection(await vote(owner.tenant, hh.tenants, 'FOR'))).toEqual({ code: 'FORBIDDEN' });
      expect(rejection(await vote(owner.b, hh.a, 'AGAINST'))).toEqual({ code: 'FORBIDDEN' });
      expect((await vote(owner.b, hh.b, 'AGAINST')).data.castVote.vote.choice).toBe('AGAINST');
      expect((await vote(owner.b, hh.b, 'FOR')).data.castVote.vote.choice).toBe('FOR');

      const read = await op(stack, 'Proposal', { id: firmVote }, owner.a);
      expect(read.errors).toBeUndefined();
      expect(read.data.proposal.tally).toEqual({
        votedHouseholds: 2,
        votedAreaSqm: 180.5,
        forHouseholds: null,
        forAreaSqm: null,
        againstHouseholds: null,
        againstAreaSqm: null,
        abstainHouseholds: null,
        abstainAreaSqm: null,
        quorumMet: null,
        passed: null,
      });
      expect(read.data.proposal.myVotes).toEqual([{ household: { id: hh.a, address: '1栋2单元101室' }, choice: 'FOR' }]);
      expect(codes(await op(stack, 'Proposal', { id: firmVote }, { sub: 'stranger', roles: ['RESIDENT'] }))).toEqual(['FORBIDDEN']);
      expect(codes(await op(stack, 'Proposal', { id: firmVote }, d.callers.neighbourStaff))).toEqual(['FORBIDDEN']);
      // Not everyone has voted and the closing time is ahead.
      expect(rejection(await op(stack, 'CloseVoting', { id: firmVote }, committee))).toEqual({ code: 'INVALID_TRANSITION' });
    });

    it('passes, and grids makes the elected firm the compound’s firm within 2 seconds, exactly once', async () => {
      // The old firm's rectification went overdue: its compounds are under review.
      const overdue = createEnvelope(
        RectificationOverdue,
        { rectificationId: 'r-1', firmId: d.firmId, reason: 'REPEATED_BAD_RATINGS', issuedAt: new Date(Date.now() - 10 * DAY).toISOString(), dueAt: new Date(Date.now() - DAY).toISOString(), overdueAt: new Date().toISOString() },
        { source: 'evaluations' },
      );
      await stack.transport.publish(subjectFor(stack.subjectPrefix, RectificationOverdue), overdue);
      await waitFor(async () => expect((await readCompound(stack, compoundId)).firmUnderReview).toBe(true), { timeoutMs: 5_000 });

      expect((await op(stack, 'CastVote', { proposalId: firmVote, householdId: hh.c, choice: 'ABSTAIN' }, owner.c)).errors).toBeUndefined();
      const r = await op(stack, 'CloseVoting', { id: firmVote }, committee);
      expect(r.errors).toBeUndefined();
      expect(r.data.closeVoting.proposal).toEqual({
        id: firmVote,
        status: 'PASSED',
        tally: {
          votedHouseholds: 3,
          votedAreaSqm: 240.75,
          forHouseholds: 2,
          forAreaSqm: 180.5,
          againstHouseholds: 0,
          againstAreaSqm: 0,
          abstainHouseholds: 1,
          abstainAreaSqm: 60.25,
          quorumMet: true,
          passed: true,
        },
      });
      const closedAt = Date.now();
      await waitFor(async () => expect((await readCompound(stack, compoundId)).propertyFirm).toEqual({ id: d.otherFirmId }), { timeoutMs: 2_000, intervalMs: 50 });
      expect(Date.now() - closedAt).toBeLessThan(2_000);
      const compound = await readCompound(stack, compoundId);
      expect(compound).toMatchObject({ managementMode: 'COMMERCIAL', firmUnderReview: false });
      expect(rejection(await op(stack, 'CastVote', { proposalId: firmVote, householdId: hh.a, choice: 'AGAINST' }, owner.a))).toEqual({ code: 'INVALID_TRANSITION' });

      await stack.settle();
      const terms = await stack.gql(
        `query($id: ID!) { compound(id: $id) { managementHistory { propertyFirm { id } proposal { id title } replacedFirmUnderReview until } } }`,
        { id: compoundId },
        d.callers.analyst,
      );
      expect(terms.errors).toBeUndefined();
      const history = terms.data.compound.managementHistory;
      expect(history).toHaveLength(2);
      expect(history[1]).toEqual({ propertyFirm: { id: d.otherFirmId }, proposal: { id: firmVote, title: '更换物业公司' }, replacedFirmUnderReview: true, until: null });
      const changed = await stack.subgraphs.grids.orm.em.fork().find(OutboxEvent, { type: 'grids.compound.firmChanged' });
      expect(changed.filter((e) => (e.payload as { propertyFirmId: string }).propertyFirmId === d.otherFirmId)).toHaveLength(1);

      // The district dashboard sees which compounds replaced a firm that had an overdue rectification.
      const dashboard = await stack.gql(
        `query($scope: ID!) { firmReplacements(scopeId: $scope, underReviewOnly: true) { compound { id name } propertyFirm { id } proposal { id } since } }`,
        { scope: d.districtId },
        d.callers.districtAdmin,
      );
      expect(dashboard.errors).toBeUndefined();
      expect(dashboard.data.firmReplacements).toEqual([{ compound: { id: compoundId, name: '西关小区' }, propertyFirm: { id: d.otherFirmId }, proposal: { id: firmVote }, since: expect.any(String) }]);

      const decided = await stack.subgraphs.owners.orm.em.fork().find(OutboxEvent, { type: 'owners.proposal.decided' });
      expect(decided.map((e) => e.payload)).toEqual([
        expect.objectContaining({ proposalId: firmVote, status: 'PASSED', propertyFirmId: d.otherFirmId, centsPerSqmMonth: null, amountCents: null, ownerPersonIds: [owner.a.sub, owner.b.sub, owner.c.sub].sort() }),
      ]);
      const read = await op(stack, 'Proposal', { id: firmVote }, d.callers.analyst);
      expect(read.data.proposal).toMatchObject({ status: 'PASSED', compound: { propertyFirm: { id: d.otherFirmId, name: '宏达物业' } }, myVotes: [] });
      const list = await op(stack, 'CompoundProposals', { compoundId, first: 10 }, owner.b);
      expect(list.data.proposals).toMatchObject({ totalCount: 1, edges: [{ node: { id: firmVote, status: 'PASSED' } }], pageInfo: { hasNextPage: false } });
    });
  });

  describe('fees and the public fund', () => {
    let m1: string;
    const payer = () => d.callers.otherFirmStaff;
    const pay = (householdId: string, fromMonth: string, months: number, amountCents: number, as: Caller = payer()) =>
      op(stack, 'RecordFeePayment', { input: { householdId, fromMonth, months, amountCents } }, as);

    it('sets the first rate once; later rates only by a passed FEE_CHANGE', async () => {
      m1 = addMonths(m0, 1);
      expect(rejection(await op(stack, 'SetFeeRate', { input: { compoundId, centsPerSqmMonth: 150 } }, d.callers.firmStaff))).toEqual({ code: 'FORBIDDEN' });
      expect(rejection(await op(stack, 'SetFeeRate', { input: { compoundId, centsPerSqmMonth: 0 } }, staff))).toEqual({ code: 'BAD_USER_INPUT', field: 'centsPerSqmMonth' });
      const r = await op(stack, 'SetFeeRate', { input: { compoundId, centsPerSqmMonth: 150 } }, staff);
      expect(r.errors).toBeUndefined();
      expect(r.data.setFeeRate.feeRate).toEqual({ centsPerSqmMonth: 150, publicFundShare: 0.1, since: m0, compound: { id: compoundId } });
      expect(rejection(await op(stack, 'SetFeeRate', { input: { compoundId, centsPerSqmMonth: 200 } }, staff))).toEqual({ code: 'CONFLICT' });
    });

    it('records payments of exactly the fee, crediting the public fund in the same transaction', async () => {
      // The households were registered during m0: m0 is not billed to them.
      expect(rejection(await pay(hh.a, m0, 1, 15000))).toEqual({ code: 'BAD_USER_INPUT', field: 'fromMonth' });
      expect(rejection(await pay(hh.a, m1, 2, 29999))).toEqual({ code: 'BAD_USER_INPUT', field: 'amountCents' });
      expect(rejection(await pay(hh.a, m1, 2, 30000, d.callers.firmStaff))).toEqual({ code: 'FORBIDDEN' });
      const r = await pay(hh.a, m1, 2, 30000);
      expect(r.errors).toBeUndefined();
      expect(r.data.recordFeePayment.payment).toMatchObject({ household: { id: hh.a, address: '1栋2单元101室' }, fromMonth: m1, months: 2, amountCents: 30000, publicFundCents: 3000 });
      expect(rejection(await pay(hh.a, addMonths(m1, 1), 1, 15000))).toEqual({ code: 'CONFLICT' });
      // 80.50 m² × 1.50 = 120.75 a month; the fund's 10 % rounds down to 12.07.
      expect((await pay(hh.b, m1, 1, 12075)).data.recordFeePayment.payment.publicFundCents).toBe(1207);

      const fund = await op(stack, 'PublicFund', { compoundId, first: 1 }, owner.tenant);
      expect(fund.errors).toBeUndefined();
      expect(fund.data.publicFund).toMatchObject({ compound: { id: compoundId, name: '西关小区' }, balanceCents: 4207, creditedCents: 4207, spentCents: 0 });
      expect(fund.data.publicFund.entries).toMatchObject({ totalCount: 2, edges: [{ node: { kind: 'CREDIT', amountCents: 1207, proposal: null } }], pageInfo: { hasNextPage: true } });
      const next = await op(stack, 'PublicFund', { compoundId, first: 1, after: fund.data.publicFund.entries.pageInfo.endCursor }, owner.tenant);
      expect(next.data.publicFund.entries.edges.map((e: any) => e.node.amountCents)).toEqual([3000]);
    });

    it('bills the next month when it begins and reports the collection by scope, and for the firm that managed the compound', async () => {
      offsetMs = parsePeriod(m1).start.getTime() + 2 * DAY - Date.now();
      await waitFor(async () => (await ownersCount(stack, 'fee_month', 'month = ? and billed = ?', [m1, true])) === 5, { timeoutMs: 10_000, intervalMs: 100 });
      const due = 15000 + 12075 + 9038 + 7500 + 10500; // 100.00, 80.50, 60.25 (90.375 → 90.38), 50.00, 70.00 m² at 1.50
      const community = await op(stack, 'FeeCollection', { scopeId: d.communityId, period: m1 }, owner.tenant);
      expect(community.errors).toBeUndefined();
      expect(community.data.feeCollection).toMatchObject({ scope: { id: d.communityId }, period: m1, billedHouseholds: 5, paidHouseholds: 2, dueCents: due, collectedCents: 27075, breakdown: [] });
      expect(community.data.feeCollection.rate).toBeCloseTo(27075 / due, 10);
      const district = await op(stack, 'FeeCollection', { scopeId: d.districtId, period: m1.slice(0, 4) }, d.callers.analyst);
      const street = district.data.feeCollection.breakdown.find((b: any) => b.scope.id === d.streetId);
      expect(street).toMatchObject({ scope: { name: '青年路街道', kind: 'STREET' }, billedHouseholds: 5, paidHouseholds: 2, collectedCents: 27075 });
      expect(district.data.feeCollection.breakdown.find((b: any) => b.scope.id === d.otherStreetId)).toMatchObject({ billedHouseholds: 0, dueCents: 0, rate: 1 });
      expect((await op(stack, 'FeeCollection', { scopeId: d.otherFirmId, period: m1 }, owner.a)).data.feeCollection).toMatchObject({ billedHouseholds: 5, collectedCents: 27075 });
      expect((await op(stack, 'FeeCollection', { scopeId: d.firmId, period: m1 }, owner.a)).data.feeCollection).toMatchObject({ billedHouseholds: 0, rate: 1 });
      expect(rejection(await op(stack, 'FeeCollection', { scopeId: d.communityId, period: '2026-13' }, owner.a))).toEqual({ code: 'BAD_USER_INPUT', field: 'period' });
    });

    it('spends the fund only under a passed PUBLIC_FUND_SPENDING proposal, within its amount and the balance', async () => {
      const spend = (proposalId: string, amountCents: number, as: Caller = committee) =>
        op(stack, 'SpendPublicFund', { input: { compoundId, proposalId, amountCents, purpose: '修缮健身器材' } }, as);
      expect(rejection(await spend(firmVote, 100))).toEqual({ code: 'CONFLICT' });
      const id = await proposalToVote(
        stack,
        { compoundId, kind: 'PUBLIC_FUND_SPENDING', title: '修缮健身器材', description: '公共收益支出', amountCents: 3000 },
        { drafter: committee, party, committee },
        new Date(now().getTime() + 3 * DAY),
      );
      for (const k of ['a', 'b', 'c', 'late']) await op(stack, 'CastVote', { proposalId: id, householdId: hh[k], choice: 'FOR' }, owner[k]);
      expect(rejection(await spend(id, 100))).toEqual({ code: 'CONFLICT' });
      expect((await op(stack, 'CloseVoting', { id }, committee)).data.closeVoting.proposal.status).toBe('PASSED');

      expect(rejection(await spend(id, 100, d.callers.otherFirmStaff))).toEqual({ code: 'FORBIDDEN' });
      const r = await spend(id, 2000);
      expect(r.errors).toBeUndefined();
      expect(r.data.spendPublicFund).toMatchObject({ entry: { kind: 'SPENDING', amountCents: 2000, purpose: '修缮健身器材', proposal: { id } }, fund: { balanceCents: 2207, spentCents: 2000 } });
      expect(rejection(await spend(id, 1001))).toEqual({ code: 'CONFLICT' });
      expect((await spend(id, 1000)).data.spendPublicFund.fund).toEqual({ balanceCents: 1207, spentCents: 3000 });
      const fund = await op(stack, 'PublicFund', { compoundId, first: 5 }, owner.a);
      expect(fund.data.publicFund.entries.edges[0].node).toMatchObject({ kind: 'SPENDING', amountCents: 1000, proposal: { id, title: '修缮健身器材' } });
    });

    it('a passed FEE_CHANGE sets the rate from the following month', async () => {
      const id = await proposalToVote(
        stack,
        { compoundId, kind: 'FEE_CHANGE', title: '调整物业费', description: '1.80元/平方米·月', centsPerSqmMonth: 180 },
        { drafter: staff, party, committee },
        new Date(now().getTime() + 3 * DAY),
      );
      for (const k of ['a', 'b', 'c', 'late']) await op(stack, 'CastVote', { proposalId: id, householdId: hh[k], choice: 'FOR' }, owner[k]);
      expect((await op(stack, 'CloseVoting', { id }, committee)).data.closeVoting.proposal.status).toBe('PASSED');
      // 60.25 m²: 90.38 in m1 at 1.50, 108.45 in m2 at 1.80.
      expect(rejection(await pay(hh.c, m1, 2, 9038 * 2))).toEqual({ code: 'BAD_USER_INPUT', field: 'amountCents' });
      expect((await pay(hh.c, m1, 2, 9038 + 10845)).errors).toBeUndefined();
    });
  });

  describe('the vote closes by itself', () => {
    it('at votingClosesAt, without quorum', async () => {
      const closesAt = new Date(now().getTime() + DAY + 60_000);
      const id = await proposalToVote(stack, { compoundId, kind: 'RULES', title: '管理规约修订', description: '' }, { drafter: committee, party, committee }, closesAt);
      await op(stack, 'CastVote', { proposalId: id, householdId: hh.a, choice: 'FOR' }, owner.a);
      offsetMs += DAY + 120_000;
      await waitFor(async () => expect((await op(stack, 'Proposal', { id }, owner.a)).data.proposal.status).toBe('NO_QUORUM'), { timeoutMs: 5_000, intervalMs: 100 });
      const read = await op(stack, 'Proposal', { id }, owner.a);
      expect(read.data.proposal.tally).toMatchObject({ votedHouseholds: 1, forHouseholds: 1, quorumMet: false, passed: false });
      expect(rejection(await op(stack, 'CloseVoting', { id }, committee))).toEqual({ code: 'INVALID_TRANSITION' });
    });
  });
});
