import type { Actor, Role } from '@linli/platform';
import { canDispatchAt, canSeeTicket, mayAct, maySubmit, personVisible, phoneIsWhole, reporterVisible, visibleContactPhone, type TicketFacts, type Viewer } from './ticket.access';

// District D > street S > communities C and C2; firms F and F2 under D.
const PREFIX: Record<string, { kind: string; prefix: string }> = {
  D: { kind: 'DISTRICT', prefix: '/D/' },
  S: { kind: 'STREET', prefix: '/D/S/' },
  S2: { kind: 'STREET', prefix: '/D/S2/' },
  C: { kind: 'COMMUNITY', prefix: '/D/S/C/' },
  C2: { kind: 'COMMUNITY', prefix: '/D/S/C2/' },
  F: { kind: 'PROPERTY_FIRM', prefix: '/D/F/' },
  F2: { kind: 'PROPERTY_FIRM', prefix: '/D/F2/' },
};
const viewer = (roles: Role[], orgs: string[], personId = 'someone'): Viewer => {
  const actor: Actor = { personId, roles: new Set(roles), orgs };
  return { actor, scopes: orgs.filter((o) => PREFIX[o]).map((id) => ({ id, ...PREFIX[id] })) };
};
const ticket = (extra: Partial<TicketFacts> = {}): TicketFacts => ({
  reporterId: 'resident',
  scopePath: '/D/S/C/',
  escalationLevel: 'COMMUNITY',
  status: 'SUBMITTED',
  assigneeId: null,
  handlerIds: [],
  ...extra,
});

describe('who sees a ticket (contract "Who may do what")', () => {
  it('community staff see their community\'s tickets and no others', () => {
    expect(canSeeTicket(viewer(['COMMUNITY_STAFF'], ['C']), ticket())).toBe(true);
    expect(canSeeTicket(viewer(['COMMUNITY_STAFF'], ['C2']), ticket())).toBe(false);
  });

  it('street and district admins and analysts read their subtree at every level', () => {
    for (const v of [viewer(['STREET_ADMIN'], ['S']), viewer(['DISTRICT_ADMIN'], ['D']), viewer(['ANALYST'], ['D'])]) {
      expect(canSeeTicket(v, ticket({ escalationLevel: 'DISTRICT' }))).toBe(true);
    }
    expect(canSeeTicket(viewer(['STREET_ADMIN'], ['S2']), ticket())).toBe(false);
  });

  it('grid workers see their scope at COMPOUND and COMMUNITY levels only', () => {
    const gw = viewer(['GRID_WORKER'], ['C']);
    expect(canSeeTicket(gw, ticket({ escalationLevel: 'COMPOUND' }))).toBe(true);
    expect(canSeeTicket(gw, ticket({ escalationLevel: 'COMMUNITY' }))).toBe(true);
    expect(canSeeTicket(gw, ticket({ escalationLevel: 'STREET' }))).toBe(false);
    expect(canSeeTicket(viewer(['GRID_WORKER'], ['C2']), ticket())).toBe(false);
  });

  it('handlers see tickets assigned to their organisation, and afterwards those it handled', () => {
    const firm = viewer(['HANDLER_STAFF'], ['F']);
    expect(canSeeTicket(firm, ticket({ assigneeId: 'F', status: 'DISPATCHED' }))).toBe(true);
    expect(canSeeTicket(firm, ticket({ assigneeId: 'F2', status: 'DISPATCHED' }))).toBe(false);
    expect(canSeeTicket(firm, ticket({ assigneeId: null, escalationLevel: 'STREET', handlerIds: ['F'] }))).toBe(true);
    expect(canSeeTicket(firm, ticket({ assigneeId: null }))).toBe(false);
  });

  it('residents see their own tickets only', () => {
    expect(canSeeTicket(viewer(['RESIDENT'], [], 'resident'), ticket())).toBe(true);
    expect(canSeeTicket(viewer(['RESIDENT'], ['C'], 'neighbour'), ticket())).toBe(false);
  });

  it('a system admin sees everything', () => {
    expect(canSeeTicket(viewer(['SYSTEM_ADMIN'], []), ticket({ scopePath: '/X/Y/Z/' }))).toBe(true);
  });
});

describe('who may act (contract)', () => {
  it('dispatchers fit the level: COMPOUND/COMMUNITY grid workers and community staff, STREET street admins, DISTRICT district admins', () => {
    const gw = viewer(['GRID_WORKER'], ['C']);
    const staff = viewer(['COMMUNITY_STAFF'], ['C']);
    const street = viewer(['STREET_ADMIN'], ['S']);
    const district = viewer(['DISTRICT_ADMIN'], ['D']);
    for (const level of ['COMPOUND', 'COMMUNITY'] as const) {
      expect([gw, staff, street, district].map((v) => canDispatchAt(v, ticket({ escalationLevel: level })))).toEqual([true, true, false, false]);
    }
    expect([gw, staff, street, district].map((v) => canDispatchAt(v, ticket({ escalationLevel: 'STREET' })))).toEqual([false, false, true, false]);
    expect([gw, staff, street, district].map((v) => canDispatchAt(v, ticket({ escalationLevel: 'DISTRICT' })))).toEqual([false, false, false, true]);
    expect(canDispatchAt(viewer(['COMMUNITY_STAFF'], ['C2']), ticket())).toBe(false);
    expect(canDispatchAt(viewer(['ANALYST'], ['D']), ticket())).toBe(false);
  });

  it('accept, return and resolve: the assignee\'s staff', () => {
    const t = ticket({ assigneeId: 'F', status: 'DISPATCHED' });
    for (const action of ['ACCEPT', 'RETURN', 'RESOLVE'] as const) {
      expect(mayAct(viewer(['HANDLER_STAFF'], ['F']), t, action)).toBe(true);
      expect(mayAct(viewer(['HANDLER_STAFF'], ['F2']), t, action)).toBe(false);
      expect(mayAct(viewer(['DISTRICT_ADMIN'], ['D']), t, action)).toBe(false);
      // A resident who happens to name the firm in a token is not its staff.
      expect(mayAct(viewer(['RESIDENT'], ['F']), t, action)).toBe(false);
    }
  });

  it('cancel, rate and reopen: the reporter only', () => {
    for (const action of ['CANCEL', 'RATE', 'REOPEN'] as const) {
      expect(mayAct(viewer(['RESIDENT'], [], 'resident'), ticket(), action)).toBe(true);
      expect(mayAct(viewer(['COMMUNITY_STAFF'], ['C']), ticket(), action)).toBe(false);
      expect(mayAct(viewer(['SYSTEM_ADMIN'], []), ticket(), action)).toBe(false);
    }
  });

  it('submitting: residents as themselves anywhere; staff in their scope, also on behalf; analysts and firms not', () => {
    expect(maySubmit(viewer(['RESIDENT'], []), '/D/S/C/', false)).toBe(true);
    expect(maySubmit(viewer(['RESIDENT'], []), '/D/S/C/', true)).toBe(false);
    expect(maySubmit(viewer(['GRID_WORKER'], ['C']), '/D/S/C/', true)).toBe(true);
    expect(maySubmit(viewer(['GRID_WORKER'], ['C2']), '/D/S/C/', true)).toBe(false);
    expect(maySubmit(viewer(['ANALYST'], ['D']), '/D/S/C/', false)).toBe(false);
    expect(maySubmit(viewer(['HANDLER_STAFF'], ['F']), '/D/S/C/', false)).toBe(false);
  });
});

describe('contact phone masking (contract "Personal data")', () => {
  const phone = '13812345678';

  it('whole for the reporter, the scope\'s community staff, grid workers and admins', () => {
    for (const v of [
      viewer(['RESIDENT'], [], 'resident'),
      viewer(['COMMUNITY_STAFF'], ['C']),
      viewer(['GRID_WORKER'], ['C']),
      viewer(['STREET_ADMIN'], ['S']),
      viewer(['DISTRICT_ADMIN'], ['D']),
      viewer(['SYSTEM_ADMIN'], []),
    ]) {
      expect(visibleContactPhone(v, ticket(), phone)).toBe(phone);
    }
  });

  it('whole for the assignee\'s staff only while DISPATCHED or ACCEPTED', () => {
    const firm = viewer(['HANDLER_STAFF'], ['F']);
    expect(phoneIsWhole(firm, ticket({ assigneeId: 'F', status: 'DISPATCHED' }))).toBe(true);
    expect(phoneIsWhole(firm, ticket({ assigneeId: 'F', status: 'ACCEPTED' }))).toBe(true);
    expect(visibleContactPhone(firm, ticket({ assigneeId: 'F', status: 'RESOLVED' }), phone)).toBe('138****5678');
    expect(visibleContactPhone(firm, ticket({ assigneeId: 'F', status: 'CLOSED' }), phone)).toBe('138****5678');
  });

  it('masked for analysts, other scopes and other firms; null stays null', () => {
    expect(visibleContactPhone(viewer(['ANALYST'], ['D']), ticket(), phone)).toBe('138****5678');
    expect(visibleContactPhone(viewer(['COMMUNITY_STAFF'], ['C2']), ticket(), phone)).toBe('138****5678');
    expect(visibleContactPhone(viewer(['HANDLER_STAFF'], ['F2']), ticket({ assigneeId: 'F', status: 'DISPATCHED' }), phone)).toBe('138****5678');
    expect(visibleContactPhone(viewer(['ANALYST'], ['D']), ticket(), null)).toBeNull();
  });
});

describe('who sees the reporter (key-only selections follow the person rules)', () => {
  it('the reporter, the scope\'s staff and readers, and the assignee\'s staff while dispatched; nobody else', () => {
    expect(reporterVisible(viewer(['RESIDENT'], [], 'resident'), ticket())).toBe(true);
    expect(reporterVisible(viewer(['COMMUNITY_STAFF'], ['C']), ticket())).toBe(true);
    expect(reporterVisible(viewer(['ANALYST'], ['D']), ticket())).toBe(true);
    expect(reporterVisible(viewer(['COMMUNITY_STAFF'], ['C2']), ticket())).toBe(false);
    expect(reporterVisible(viewer(['RESIDENT'], ['C']), ticket())).toBe(false);
    const dispatched = ticket({ status: 'DISPATCHED', assigneeId: 'F' });
    expect(reporterVisible(viewer(['HANDLER_STAFF'], ['F']), dispatched)).toBe(true);
    // Afterwards the firm still sees the ticket it handled, but no longer who reported it.
    expect(reporterVisible(viewer(['HANDLER_STAFF'], ['F']), ticket({ status: 'CLOSED', assigneeId: 'F', handlerIds: ['F'] }))).toBe(false);
    expect(reporterVisible(viewer(['HANDLER_STAFF'], ['F2']), dispatched)).toBe(false);
  });
});

describe('who sees a person named on a ticket (timeline actors; key-only selections included)', () => {
  it('the person themself and the roles that see people of the ticket\'s scope; not the reporter or a firm', () => {
    const path = ticket().scopePath;
    expect(personVisible(viewer(['HANDLER_STAFF'], ['F'], 'worker'), path, 'worker')).toBe(true);
    expect(personVisible(viewer(['COMMUNITY_STAFF'], ['C']), path, 'worker')).toBe(true);
    expect(personVisible(viewer(['STREET_ADMIN'], ['S']), path, 'worker')).toBe(true);
    expect(personVisible(viewer(['COMMUNITY_STAFF'], ['C2']), path, 'worker')).toBe(false);
    expect(personVisible(viewer(['RESIDENT'], [], 'resident'), path, 'worker')).toBe(false);
    expect(personVisible(viewer(['HANDLER_STAFF'], ['F'], 'other'), path, 'worker')).toBe(false);
  });
});
