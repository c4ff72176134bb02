import { addressKey, areaText, checkAddressPart, checkArea, checkRelation, formatAddress, isPartyMemberHousehold, parseAreaText } from './household.rules';

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('household rules (contract "Households and the register")', () => {
  it('formats the address as 3栋2单元502室, leaving the unit out when absent', () => {
    expect(formatAddress('3', '2', '502')).toBe('3栋2单元502室');
    expect(formatAddress('12', null, '101')).toBe('12栋101室');
  });

  it('accepts the suffixes and drops them, so "3" and "3栋" are one dwelling', () => {
    expect(checkAddressPart('building', '3栋')).toBe('3');
    expect(checkAddressPart('unit', ' 2单元 ')).toBe('2');
    expect(checkAddressPart('room', '502室')).toBe('502');
    expect(addressKey('c', checkAddressPart('building', '3栋'), null, '502')).toBe(addressKey('c', '3', null, '502'));
    expect(fieldOf(() => checkAddressPart('room', '室'))).toEqual({ code: 'BAD_USER_INPUT', field: 'room' });
  });

  it('keeps areas exact in hundredths: > 0, ≤ 10,000, two decimals', () => {
    expect(checkArea('areaSqm', 89.5)).toBe(8950);
    expect(checkArea('areaSqm', 0.01)).toBe(1);
    expect(checkArea('areaSqm', 10_000)).toBe(1_000_000);
    for (const bad of [0, -1, 10_000.01, 10_001, 1.234, Number.NaN]) expect(fieldOf(() => checkArea('areaSqm', bad))).toEqual({ code: 'BAD_USER_INPUT', field: 'areaSqm' });
    // 0.1 + 0.2 summed as floats is not 0.3; summed as hundredths it is.
    expect(checkArea('areaSqm', 0.1) + checkArea('areaSqm', 0.2)).toBe(checkArea('areaSqm', 0.3));
  });

  it('parses CSV areas without a float and prints them back exactly', () => {
    expect(parseAreaText('areaSqm', '89.5')).toBe(8950);
    expect(parseAreaText('areaSqm', '120')).toBe(12000);
    expect(areaText(8950)).toBe('89.50');
    expect(areaText(1)).toBe('0.01');
    for (const bad of ['0', '10001', '10000.01', '1e3', '-5', '89.505', 'abc', '']) {
      expect(fieldOf(() => parseAreaText('areaSqm', bad))).toEqual({ code: 'BAD_USER_INPUT', field: 'areaSqm' });
    }
  });

  it('knows the four relations', () => {
    expect(checkRelation('relation', 'co_owner')).toBe('CO_OWNER');
    expect(fieldOf(() => checkRelation('relation', 'LANDLORD'))).toEqual({ code: 'BAD_USER_INPUT', field: 'relation' });
  });

  it('derives 党员中心户 from the current members', () => {
    expect(isPartyMemberHousehold([{ partyMember: false }, { partyMember: true }])).toBe(true);
    expect(isPartyMemberHousehold([{ partyMember: false }])).toBe(false);
    expect(isPartyMemberHousehold([])).toBe(false);
  });
});
