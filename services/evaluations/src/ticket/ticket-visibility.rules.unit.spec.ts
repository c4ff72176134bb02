import type { Actor, Role } from '@linli/platform';
import { mayReferenceTicket } from './ticket-visibility.rules';

const actor = (roles: Role[], orgs: string[], personId = 'someone'): Actor => ({ personId, roles: new Set(roles), orgs });
const t = { reporterId: 'alice', escalationLevel: 'COMPOUND', assigneeId: null, resolvedById: 'F' };

describe("a deduction's ticket follows the ticket rules", () => {
  it('shows it to the reporter, the scope, grid workers at their levels and the firm that resolved it', () => {
    expect(mayReferenceTicket(actor(['RESIDENT'], [], 'alice'), t, false)).toBe(true);
    expect(mayReferenceTicket(actor(['COMMUNITY_STAFF'], ['C']), t, true)).toBe(true);
    expect(mayReferenceTicket(actor(['GRID_WORKER'], ['C']), t, true)).toBe(true);
    expect(mayReferenceTicket(actor(['GRID_WORKER'], ['C']), { ...t, escalationLevel: 'STREET' }, true)).toBe(false);
    expect(mayReferenceTicket(actor(['HANDLER_STAFF'], ['F']), t, false)).toBe(true);
  });

  it('hides it from everyone else, even its id', () => {
    expect(mayReferenceTicket(actor(['RESIDENT'], [], 'carol'), t, false)).toBe(false);
    expect(mayReferenceTicket(actor(['COMMUNITY_STAFF'], ['C2']), t, false)).toBe(false);
    expect(mayReferenceTicket(actor(['HANDLER_STAFF'], ['G']), t, false)).toBe(false);
    expect(mayReferenceTicket(actor(['RESIDENT'], ['F']), t, false)).toBe(false);
  });
});
