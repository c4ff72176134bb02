import { crossAppointedPeople, isActive } from './appointment.rules';

describe('appointments', () => {
  it('is active from since through until, inclusive', () => {
    expect(isActive({ since: '2026-01-01', until: null }, '2026-11-22')).toBe(true);
    expect(isActive({ since: '2026-12-01', until: null }, '2026-11-22')).toBe(false);
    expect(isActive({ since: '2026-01-01', until: '2026-11-22' }, '2026-11-22')).toBe(true);
    expect(isActive({ since: '2026-01-01', until: '2026-11-21' }, '2026-11-22')).toBe(false);
  });

  it('finds people with posts in two or more kinds of organisation', () => {
    const posts = [
      { personId: 'a', organisationId: 'c', organisationKind: 'COMMUNITY' },
      { personId: 'a', organisationId: 'pb', organisationKind: 'PARTY_BRANCH' },
      // Two posts in organisations of the same kind are not a cross appointment.
      { personId: 'b', organisationId: 'oc1', organisationKind: 'OWNERS_COMMITTEE' },
      { personId: 'b', organisationId: 'oc2', organisationKind: 'OWNERS_COMMITTEE' },
      { personId: 'c', organisationId: 'c', organisationKind: 'COMMUNITY' },
    ];
    expect(crossAppointedPeople(posts)).toEqual(['a']);
  });
});
