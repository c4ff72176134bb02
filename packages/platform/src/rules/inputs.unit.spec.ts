import { charLength, checkLatLng, checkName, checkPageSize, checkPhone, checkText, chunked, containsNul, isBlank, isValidPhone } from './inputs';
import { maskPhone } from './masking';

const field = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
};

describe('contract input checks', () => {
  it('names are 1–100 characters after trimming', () => {
    expect(checkName('name', '  西关社区 ')).toBe('西关社区');
    expect(field(() => checkName('name', '   '))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(field(() => checkName('title', 'x'.repeat(101)))).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(checkName('name', 'x'.repeat(100))).toHaveLength(100);
  });

  it('descriptions up to 2,000 characters', () => {
    expect(checkText('description', 'x'.repeat(2000))).toHaveLength(2000);
    expect(field(() => checkText('description', 'x'.repeat(2001)))).toEqual({ code: 'BAD_USER_INPUT', field: 'description' });
    expect(field(() => checkText('reason', ' ', { required: true }))).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(checkText('notes', null)).toBeNull();
  });

  it.each(['13812345678', '19912345678', '029-88881234', '02988881234', '0917-1234567'])('accepts the phone %s', (p) => {
    expect(isValidPhone(p)).toBe(true);
  });

  it.each(['12812345678', '1381234567', '138123456789', '29-88881234', '+8613812345678', 'abc'])('refuses the phone %s', (p) => {
    expect(isValidPhone(p)).toBe(false);
    expect(field(() => checkPhone('phone', p))).toEqual({ code: 'BAD_USER_INPUT', field: 'phone' });
  });

  it('page sizes from 1 to 100, default 20', () => {
    expect(checkPageSize(undefined)).toBe(20);
    expect(checkPageSize(100)).toBe(100);
    expect(field(() => checkPageSize(0))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(field(() => checkPageSize(101))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('coordinates on the globe', () => {
    expect(field(() => checkLatLng('location', 34.27, 108.94))).toBeNull();
    expect(field(() => checkLatLng('location', 91, 108))).toEqual({ code: 'BAD_USER_INPUT', field: 'location' });
    expect(field(() => checkLatLng('location', 34, Number.NaN))).toEqual({ code: 'BAD_USER_INPUT', field: 'location' });
  });

  it('counts characters (code points), not UTF-16 units', () => {
    expect(charLength('𠮷')).toBe(1);
    expect(checkName('name', '𠮷'.repeat(100))).toHaveLength(200);
    expect(field(() => checkName('name', '𠮷'.repeat(101)))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(checkText('description', '😀'.repeat(2000))).toHaveLength(4000);
    expect(field(() => checkText('description', '😀'.repeat(2001)))).toEqual({ code: 'BAD_USER_INPUT', field: 'description' });
  });

  it.each(['\u200B', '\u200B\u200C\u200D', ' \uFEFF ', '\u3000', '\u2060\u00AD'])('refuses a name of only invisible characters %p', (name) => {
    expect(isBlank(name)).toBe(true);
    expect(field(() => checkName('name', name))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(field(() => checkText('reason', name, { required: true }))).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('refuses NUL characters with BAD_USER_INPUT (PostgreSQL cannot store them)', () => {
    expect(field(() => checkName('name', 'a\u0000b'))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(field(() => checkText('notes', 'a\u0000'))).toEqual({ code: 'BAD_USER_INPUT', field: 'notes' });
    expect(containsNul({ input: { items: [{ item: 'x\u0000' }] } })).toBe(true);
    expect(containsNul({ input: { items: [{ item: 'x' }], n: 1, b: null } })).toBe(false);
  });

  it('stores landlines with and without - as one number', () => {
    expect(checkPhone('phone', '029-88881234')).toBe('02988881234');
    expect(checkPhone('phone', '02988881234')).toBe('02988881234');
    expect(checkPhone('phone', ' 138 1234 5678 ')).toBe('13812345678');
  });

  it('chunks long id lists under the parameter limit', () => {
    const ids = Array.from({ length: 25_001 }, (_, i) => String(i));
    expect(chunked(ids).map((c) => c.length)).toEqual([10_000, 10_000, 5_001]);
    expect(chunked([])).toEqual([]);
  });

  it('masks phones as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('029-88881234')).toBe('029*****1234');
  });
});
