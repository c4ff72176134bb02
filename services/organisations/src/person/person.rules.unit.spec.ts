import type { Actor, Role } from '@linli/platform';
import { personInScope, visiblePhone } from './person.rules';

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
