import type { Role } from '@linli/platform';
import type { Viewer } from '../ticket/ticket.access';
import { followUpOutcome, followUpScoreProblem, mayFollowUp } from './follow-up.rules';

const viewer = (personId: string, role: Role, prefix = '/d/s/c/'): Viewer => ({
  actor: { personId, roles: new Set([role]), orgs: ['c'] },
  scopes: [{ id: 'c', kind: 'COMMUNITY', prefix }],
});
const ticket = { scopePath: '/d/s/c/' };
const parties = { submittedById: 'knocker', lastDispatcherId: 'dispatcher' };

describe('follow-up rules', () => {
  it('are for community staff and grid workers of the scope, never who submitted or last dispatched it', () => {
    expect(mayFollowUp(viewer('s', 'COMMUNITY_STAFF'), ticket, parties)).toBe(true);
    expect(mayFollowUp(viewer('g', 'GRID_WORKER'), ticket, parties)).toBe(true);
    expect(mayFollowUp(viewer('knocker', 'GRID_WORKER'), ticket, parties)).toBe(false);
    expect(mayFollowUp(viewer('dispatcher', 'COMMUNITY_STAFF'), ticket, parties)).toBe(false);
    expect(mayFollowUp(viewer('s', 'COMMUNITY_STAFF', '/d/s/other/'), ticket, parties)).toBe(false);
    for (const role of ['RESIDENT', 'HANDLER_STAFF', 'ANALYST', 'STREET_ADMIN'] as Role[]) expect(mayFollowUp(viewer('x', role), ticket, parties)).toBe(false);
    expect(mayFollowUp(viewer('g', 'GRID_WORKER'), ticket, { submittedById: 'knocker', lastDispatcherId: null })).toBe(true);
  });

  it('rate only a RESOLVED, unrated, ratable ticket whose reporter was reached', () => {
    const resolved = { status: 'RESOLVED' as const, rated: false, ratable: true };
    expect(followUpOutcome(resolved, true)).toBe('RATES');
    expect(followUpOutcome(resolved, false)).toBe('RECORDED');
    expect(followUpOutcome({ ...resolved, status: 'CLOSED' }, true)).toBe('RECORDED');
    expect(followUpOutcome({ ...resolved, rated: true }, true)).toBe('RECORDED');
    expect(followUpOutcome({ ...resolved, ratable: false }, true)).toBe('RECORDED');
  });

  it('need a score 1–5 exactly when the reporter was reached', () => {
    expect(followUpScoreProblem(true, 4)).toBeNull();
    expect(followUpScoreProblem(true, null)).toMatch(/required/);
    expect(followUpScoreProblem(true, 0)).toMatch(/1 to 5/);
    expect(followUpScoreProblem(true, 6)).toMatch(/1 to 5/);
    expect(followUpScoreProblem(true, 2.5)).toMatch(/1 to 5/);
    expect(followUpScoreProblem(false, null)).toBeNull();
    expect(followUpScoreProblem(false, 3)).toMatch(/only/);
  });
});
