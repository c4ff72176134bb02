import type { Actor, Role } from '@linli/platform';
import { mayNamePerson, orgInScope, requireRole } from './access';

const actor = (roles: Role[], orgs: string[]): Actor => ({ personId: 'p', roles: new Set(roles), orgs });

describe('scope', () => {
  it('covers the caller organisations and everything below them', () => {
    const a = actor(['STREET_ADMIN'], ['street']);
    expect(orgInScope(a, 'street', ['district'])).toBe(true);
    expect(orgInScope(a, 'community', ['district', 'street'])).toBe(true);
    expect(orgInScope(a, 'district', [])).toBe(false);
    expect(orgInScope(a, 'other-community', ['district', 'other-street'])).toBe(false);
  });

  it('a system admin covers everything', () => {
    expect(orgInScope(actor(['SYSTEM_ADMIN'], []), 'anything', [])).toBe(true);
  });

  it('requireRole is FORBIDDEN without the role', () => {
    expect(() => requireRole(actor(['RESIDENT'], []), 'COMMUNITY_STAFF')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect(() => requireRole(actor(['RESIDENT'], []), 'RESIDENT')).not.toThrow();
  });
});

describe('naming a person in a write (one rule for every subgraph)', () => {
  const inCommunity = { organisationId: 'community', ancestorIds: ['district', 'street'] };
  const elsewhere = { organisationId: 'far-community', ancestorIds: ['district', 'other-street'] };

  it('needs one of the person’s places in the caller’s scope', () => {
    expect(mayNamePerson(actor(['STREET_ADMIN'], ['street']), [elsewhere, inCommunity])).toBe(true);
    expect(mayNamePerson(actor(['COMMUNITY_STAFF'], ['community']), [inCommunity])).toBe(true);
    expect(mayNamePerson(actor(['COMMUNITY_STAFF'], ['community']), [elsewhere])).toBe(false);
  });

  it('a person placed nowhere is named by no one but a system admin (a write never pulls a stranger in)', () => {
    expect(mayNamePerson(actor(['DISTRICT_ADMIN'], ['district']), [])).toBe(false);
    expect(mayNamePerson(actor(['SYSTEM_ADMIN'], []), [])).toBe(true);
  });

  it('naming oneself is no exception: the caller must be placed in scope like anyone else', () => {
    const self = actor(['COMMUNITY_STAFF'], ['community']);
    expect(mayNamePerson(self, [elsewhere])).toBe(false);
  });
});
