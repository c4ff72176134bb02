import { checkCanClose, checkClosesAt, checkDraft, checkVotingOpen, nextStatus, ProposalStatuses, reviewStageOf, thresholdOf, type ProposalAction } from './proposal.rules';
import { mayDraft, mayRead, mayRecordPayment, mayReview, maySpend, type CompoundAccess } from './proposal.access';
import type { Actor, Role } from '@linli/platform';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: { code: string; field?: string } }).extensions;
  }
  return null;
};

describe('proposal state machine', () => {
  it('walks the happy path and the refusals', () => {
    expect(nextStatus('DRAFT', 'SUBMIT')).toBe('PARTY_REVIEW');
    expect(nextStatus('PARTY_REVIEW', 'APPROVE')).toBe('COMMITTEE_REVIEW');
    expect(nextStatus('COMMITTEE_REVIEW', 'APPROVE')).toBe('APPROVED');
    expect(nextStatus('PARTY_REVIEW', 'REFUSE')).toBe('REFUSED');
    expect(nextStatus('COMMITTEE_REVIEW', 'REFUSE')).toBe('REFUSED');
    expect(nextStatus('APPROVED', 'OPEN_VOTING')).toBe('VOTING');
    expect(nextStatus('VOTING', 'CLOSE', 'PASSED')).toBe('PASSED');
    expect(nextStatus('VOTING', 'CLOSE', 'REJECTED')).toBe('REJECTED');
    expect(nextStatus('VOTING', 'CLOSE', 'NO_QUORUM')).toBe('NO_QUORUM');
  });

  it('refuses every other transition with INVALID_TRANSITION naming status and action', () => {
    const allowed = new Set(['DRAFT:SUBMIT', 'PARTY_REVIEW:APPROVE', 'COMMITTEE_REVIEW:APPROVE', 'PARTY_REVIEW:REFUSE', 'COMMITTEE_REVIEW:REFUSE', 'APPROVED:OPEN_VOTING', 'VOTING:CLOSE']);
    const actions: ProposalAction[] = ['SUBMIT', 'APPROVE', 'REFUSE', 'OPEN_VOTING', 'CLOSE'];
    for (const s of ProposalStatuses) {
      for (const a of actions) {
        if (allowed.has(`${s}:${a}`)) continue;
        expect(code(() => nextStatus(s, a, 'PASSED'))).toEqual({ code: 'INVALID_TRANSITION', status: s, action: a });
      }
    }
    expect(code(() => nextStatus('VOTING', 'CLOSE'))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('knows which review a status waits for', () => {
    expect(reviewStageOf('PARTY_REVIEW', 'APPROVE')).toBe('PARTY');
    expect(reviewStageOf('COMMITTEE_REVIEW', 'REFUSE')).toBe('COMMITTEE');
    expect(code(() => reviewStageOf('APPROVED', 'APPROVE'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(code(() => reviewStageOf('DRAFT', 'REFUSE'))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('sets the thresholds of the Civil Code', () => {
    expect(thresholdOf('MAINTENANCE_FUND_RAISE')).toBe('SPECIAL');
    expect(thresholdOf('RENOVATION')).toBe('SPECIAL');
    expect(thresholdOf('COMMON_PARTS_USE')).toBe('SPECIAL');
    expect(thresholdOf('MAINTENANCE_FUND_USE')).toBe('ORDINARY');
    expect(thresholdOf('FIRM_HIRE_OR_DISMISS')).toBe('ORDINARY');
    expect(thresholdOf('FEE_CHANGE')).toBe('ORDINARY');
  });
});

describe('draft fields', () => {
  const base = { title: 'Replace the firm', description: 'Because.' };
  it('requires the figure each kind takes and refuses the others', () => {
    expect(checkDraft({ ...base, kind: 'PUBLIC_FUND_SPENDING', amountCents: 5000 }).amountCents).toBe(5000);
    expect(code(() => checkDraft({ ...base, kind: 'PUBLIC_FUND_SPENDING' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountCents' });
    expect(code(() => checkDraft({ ...base, kind: 'RENOVATION', amountCents: 0 }))).toMatchObject({ field: 'amountCents' });
    expect(code(() => checkDraft({ ...base, kind: 'RENOVATION', amountCents: 1.5 }))).toMatchObject({ field: 'amountCents' });
    expect(code(() => checkDraft({ ...base, kind: 'RULES', amountCents: 100 }))).toMatchObject({ field: 'amountCents' });
    expect(code(() => checkDraft({ ...base, kind: 'FIRM_HIRE_OR_DISMISS' }))).toMatchObject({ field: 'propertyFirmId' });
    expect(code(() => checkDraft({ ...base, kind: 'OTHER', propertyFirmId: 'f' }))).toMatchObject({ field: 'propertyFirmId' });
    expect(code(() => checkDraft({ ...base, kind: 'FEE_CHANGE' }))).toMatchObject({ field: 'centsPerSqmMonth' });
    expect(checkDraft({ ...base, kind: 'FEE_CHANGE', centsPerSqmMonth: 280 }).centsPerSqmMonth).toBe(280);
    expect(code(() => checkDraft({ ...base, kind: 'OTHER', title: '' }))).toMatchObject({ field: 'title' });
    expect(code(() => checkDraft({ ...base, kind: 'OTHER', description: 'x'.repeat(2001) }))).toMatchObject({ field: 'description' });
  });
});

describe('vote timing', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const day = 24 * 3600 * 1000;
  it('closesAt is 1 to 30 days ahead', () => {
    expect(checkClosesAt(now, new Date(now.getTime() + day))).toBeInstanceOf(Date);
    expect(checkClosesAt(now, new Date(now.getTime() + 30 * day))).toBeInstanceOf(Date);
    expect(code(() => checkClosesAt(now, new Date(now.getTime() + day - 1)))).toMatchObject({ field: 'closesAt' });
    expect(code(() => checkClosesAt(now, new Date(now.getTime() + 30 * day + 1)))).toMatchObject({ field: 'closesAt' });
  });
  it('closes by hand once due, or early once everyone voted', () => {
    const closesAt = new Date(now.getTime() + day);
    expect(code(() => checkCanClose('VOTING', now, closesAt, 2, 3))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(() => checkCanClose('VOTING', now, closesAt, 3, 3)).not.toThrow();
    expect(() => checkCanClose('VOTING', closesAt, closesAt, 0, 3)).not.toThrow();
    expect(code(() => checkCanClose('PASSED', closesAt, closesAt, 3, 3))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
  it('refuses a vote after closing time or once closed', () => {
    const closesAt = new Date(now.getTime() + day);
    expect(() => checkVotingOpen('VOTING', now, closesAt)).not.toThrow();
    expect(code(() => checkVotingOpen('VOTING', closesAt, closesAt))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(code(() => checkVotingOpen('PASSED', now, closesAt))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(code(() => checkVotingOpen('APPROVED', now, null))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});

describe('who may', () => {
  const actor = (roles: Role[], orgs: string[], sub = 'p'): Actor => ({ personId: sub, roles: new Set(roles), orgs });
  const compound: CompoundAccess = {
    communityId: 'c',
    communityAncestorIds: ['d', 's'],
    partyOrganisationId: 'party',
    ownersCommitteeId: 'committee',
    propertyFirmId: 'firm',
    managementMode: 'COMMERCIAL',
  };
  const bare: CompoundAccess = { ...compound, partyOrganisationId: null, ownersCommitteeId: null, managementMode: 'COMMUNITY_MANAGED', propertyFirmId: null };

  it('drafts: the committee acting for itself, community staff and admins of the scope', () => {
    expect(mayDraft(actor(['HANDLER_STAFF'], ['committee']), compound)).toBe(true);
    expect(mayDraft(actor(['RESIDENT'], ['committee']), compound)).toBe(false);
    expect(mayDraft(actor(['COMMUNITY_STAFF'], ['c']), compound)).toBe(true);
    expect(mayDraft(actor(['STREET_ADMIN'], ['s']), compound)).toBe(true);
    expect(mayDraft(actor(['STREET_ADMIN'], ['other']), compound)).toBe(false);
    expect(mayDraft(actor(['GRID_WORKER'], ['c']), compound)).toBe(false);
  });

  it('reviews: party organisation, then committee; the community stands in for a missing one', () => {
    expect(mayReview(actor(['COMMUNITY_STAFF'], ['party']), compound, 'PARTY')).toBe(true);
    expect(mayReview(actor(['COMMUNITY_STAFF'], ['c']), compound, 'PARTY')).toBe(false);
    expect(mayReview(actor(['COMMUNITY_STAFF'], ['party']), compound, 'COMMITTEE')).toBe(false);
    expect(mayReview(actor(['HANDLER_STAFF'], ['committee']), compound, 'COMMITTEE')).toBe(true);
    expect(mayReview(actor(['COMMUNITY_STAFF'], ['c']), bare, 'PARTY')).toBe(true);
    expect(mayReview(actor(['COMMUNITY_STAFF'], ['c']), bare, 'COMMITTEE')).toBe(true);
    expect(mayReview(actor(['STREET_ADMIN'], ['s']), bare, 'COMMITTEE')).toBe(false);
    expect(mayReview(actor(['GRID_WORKER'], ['c']), bare, 'PARTY')).toBe(false);
    expect(mayReview(actor(['GRID_WORKER'], ['c']), bare, 'COMMITTEE')).toBe(false);
    expect(mayReview(actor(['SYSTEM_ADMIN'], []), compound, 'PARTY')).toBe(true);
  });

  it('reads: the scope, the reviewing organisations and the residents (not the managing firm)', () => {
    expect(mayRead(actor(['ANALYST'], ['d']), compound, false)).toBe(true);
    expect(mayRead(actor(['HANDLER_STAFF'], ['firm']), compound, false)).toBe(false);
    expect(mayRead(actor(['HANDLER_STAFF'], ['committee']), compound, false)).toBe(true);
    expect(mayRead(actor(['RESIDENT'], []), compound, true)).toBe(true);
    expect(mayRead(actor(['RESIDENT'], []), compound, false)).toBe(false);
    expect(mayRead(actor(['COMMUNITY_STAFF'], ['other']), compound, false)).toBe(false);
  });

  it('payments by the managing firm (COMMERCIAL) or community staff; spending by committee or community', () => {
    expect(mayRecordPayment(actor(['HANDLER_STAFF'], ['firm']), compound)).toBe(true);
    expect(mayRecordPayment(actor(['COMMUNITY_STAFF'], ['c']), compound)).toBe(false);
    expect(mayRecordPayment(actor(['COMMUNITY_STAFF'], ['c']), bare)).toBe(true);
    expect(maySpend(actor(['HANDLER_STAFF'], ['committee']), compound)).toBe(true);
    expect(maySpend(actor(['HANDLER_STAFF'], ['firm']), compound)).toBe(false);
  });
});
