import type { Actor, Role } from '@linli/platform';
import { nextPlacement, personInScope, visiblePhone } from './person.rules';

const actor = (roles: Role[], orgs: string[], personId = 'me'): Actor => ({ personId, roles: new Set(roles), orgs });
// The person is registered in community C (district D > street S > community C).
const inC = [{ organisationId: 'C', ancestorIds: ['D', 'S'] }];

describe('person scope and phone masking (contract "Personal data")', () => {
  it('community staff of an ancestor scope see the person and the whole phone', () => {
    const a = actor(['STREET_ADMIN'], ['S']);
    expect(personInScope(a, 'p', inC)).toBe(true);
    expect(visiblePhone(a, 'p', '13812345678', inC)).toBe('13812345678');
  });

  it('staff of another community see nothing', () => {
    expect(personInScope(actor(['COMMUNITY_STAFF'], ['C2']), 'p', inC)).toBe(false);
  });

  it('analysts and handler staff in scope get the masked phone', () => {
    for (const role of ['ANALYST', 'HANDLER_STAFF'] as Role[]) {
      const a = actor([role], ['D']);
      expect(personInScope(a, 'p', inC)).toBe(true);
      expect(visiblePhone(a, 'p', '13812345678', inC)).toBe('138****5678');
    }
  });

  it('the person themself sees their own phone, whatever their role', () => {
    const a = actor(['RESIDENT'], [], 'p');
    expect(personInScope(a, 'p', inC)).toBe(true);
    expect(visiblePhone(a, 'p', '13812345678', inC)).toBe('13812345678');
  });

  it('a resident never sees another person', () => {
    expect(personInScope(actor(['RESIDENT'], ['C']), 'p', inC)).toBe(false);
  });
});

describe('nextPlacement: only a changed set is announced, each after the last', () => {
  const t = (s: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, s));
  it('announces a first placement as of its event', () => {
    expect(nextPlacement(null, ['C', 'A', 'C'], t(5))).toEqual({ organisationIds: ['A', 'C'], asOf: t(5) });
  });
  it('announces nothing when the set is the one announced, in any order', () => {
    expect(nextPlacement({ organisationIds: ['A', 'C'], asOf: t(5) }, ['C', 'A'], t(9))).toBeNull();
  });
  it('announces a changed set as of its event when that is later', () => {
    expect(nextPlacement({ organisationIds: ['C'], asOf: t(5) }, ['C', 'F'], t(9))).toEqual({ organisationIds: ['C', 'F'], asOf: t(9) });
  });
  it('announces a changed set just after the last one when its event is not later (the copies keep the newest)', () => {
    const last = { organisationIds: ['C'], asOf: t(5) };
    expect(nextPlacement(last, ['C', 'F'], t(4))).toEqual({ organisationIds: ['C', 'F'], asOf: new Date(t(5).getTime() + 1) });
    expect(nextPlacement(last, [], t(5))).toEqual({ organisationIds: [], asOf: new Date(t(5).getTime() + 1) });
  });
});
