import { GraphQLError } from 'graphql';
import { checkCreditCode, checkPlacement, childPath } from './organisation.rules';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as GraphQLError).extensions.code, (e as GraphQLError).extensions.field];
  }
  return null;
};

describe('organisation placement', () => {
  it.each([
    ['DISTRICT', null],
    ['STREET', 'DISTRICT'],
    ['COMMUNITY', 'STREET'],
    ['PARTY_GROUP', 'PARTY_BRANCH'],
    ['PARTY_GROUP', 'PARTY_COMMITTEE'],
    ['OWNERS_COMMITTEE', 'COMMUNITY'],
    ['PROPERTY_FIRM', 'DISTRICT'],
  ] as const)('a %s may sit under %s', (kind, parent) => {
    expect(code(() => checkPlacement(kind, parent))).toBeNull();
  });

  it.each([
    ['STREET', null],
    ['COMMUNITY', 'DISTRICT'],
    ['DISTRICT', 'STREET'],
    ['PARTY_GROUP', 'COMMUNITY'],
    ['OWNERS_COMMITTEE', 'STREET'],
  ] as const)('a %s may not sit under %s', (kind, parent) => {
    expect(code(() => checkPlacement(kind, parent))).toEqual(['BAD_USER_INPUT', 'parentId']);
  });
});

describe('credit code requirement', () => {
  it('is required for a property firm', () => {
    expect(code(() => checkCreditCode('PROPERTY_FIRM', null))).toEqual(['BAD_USER_INPUT', 'creditCode']);
  });
  it('is optional for others but still verified', () => {
    expect(checkCreditCode('ENTERPRISE', undefined)).toBeNull();
    expect(code(() => checkCreditCode('ENTERPRISE', '91350100M000100Y44'))).toEqual(['BAD_USER_INPUT', 'creditCode']);
  });
  it('normalises case and spaces', () => {
    expect(checkCreditCode('PROPERTY_FIRM', ' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });
});

describe('tree paths', () => {
  it('a child path is the parent path plus the parent', () => {
    expect(childPath({ id: 'c', ancestorIds: ['a', 'b'] })).toEqual(['a', 'b', 'c']);
    expect(childPath(null)).toEqual([]);
  });
});
