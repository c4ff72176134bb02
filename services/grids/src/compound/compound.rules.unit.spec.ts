import { checkManagement, compoundChanges, hasPropertyService, nextLink } from './compound.rules';

const rejected = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('compound management', () => {
  it('a COMMERCIAL compound needs its property firm', () => {
    expect(checkManagement('COMMERCIAL', 'firm')).toBe('firm');
    expect(rejected(() => checkManagement('COMMERCIAL', null))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
    expect(rejected(() => checkManagement('COMMERCIAL', undefined))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
  });

  it.each(['COMMUNITY_MANAGED', 'SELF_MANAGED', 'NONE'] as const)('a %s compound has no firm', (mode) => {
    expect(checkManagement(mode, null)).toBeNull();
    expect(checkManagement(mode, undefined)).toBeNull();
    expect(rejected(() => checkManagement(mode, 'firm'))).toEqual({ code: 'BAD_USER_INPUT', field: 'propertyFirmId' });
  });

  it('property service is any mode but NONE (三覆盖)', () => {
    expect(hasPropertyService('COMMERCIAL')).toBe(true);
    expect(hasPropertyService('COMMUNITY_MANAGED')).toBe(true);
    expect(hasPropertyService('SELF_MANAGED')).toBe(true);
    expect(hasPropertyService('NONE')).toBe(false);
  });

  it('setCompoundOrganisations: omitted keeps, null removes, an id sets', () => {
    expect(nextLink('old', undefined)).toBe('old');
    expect(nextLink('old', null)).toBeNull();
    expect(nextLink('old', 'new')).toBe('new');
    expect(nextLink(null, undefined)).toBeNull();
  });
});

describe('updating a compound', () => {
  it('checks only the given fields, by the rules of creating; an empty address clears it', () => {
    expect(compoundChanges({})).toEqual({});
    expect(compoundChanges({ name: 'Garden', address: '', households: 40 })).toEqual({ name: 'Garden', address: null, households: 40 });
    expect(rejected(() => compoundChanges({ name: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(rejected(() => compoundChanges({ households: 2_000_000 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'households' });
    expect(rejected(() => compoundChanges({ address: 'x'.repeat(201) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'address' });
  });
});
