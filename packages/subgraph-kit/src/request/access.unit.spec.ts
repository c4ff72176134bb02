import type { Actor, Role } from '@linli/platform';
import { orgInScope, requireRole } from './access';

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
