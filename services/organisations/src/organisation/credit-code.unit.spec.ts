import { creditCodeCheckCharacter, isValidCreditCode } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  // Published sample codes whose check characters are known.
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it.each([
    ['too short', '91350100M000100Y4'],
    ['letters outside the alphabet (I, O, S, V, Z)', '91350100M000100I43'],
    ['a non-digit division code', '913A0100M000100Y43'],
    ['lower case', '91350100m000100y43'],
  ])('refuses %s', (_why, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });
});
