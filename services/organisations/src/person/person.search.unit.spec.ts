import { searchTerms } from './person.search';

describe('people search terms (contract "people(scopeId, query)")', () => {
  it('searches names always and phone suffixes from four digits', () => {
    expect(searchTerms(' 张 ')).toEqual({ name: '张', phoneSuffix: null });
    expect(searchTerms('123')).toEqual({ name: '123', phoneSuffix: null });
    expect(searchTerms('5678')).toEqual({ name: '5678', phoneSuffix: '5678' });
    expect(searchTerms('12345678')).toEqual({ name: '12345678', phoneSuffix: '12345678' });
  });

  it('refuses an empty or overlong query on the query field', () => {
    for (const q of ['', '  ', 'x'.repeat(101)]) {
      expect(() => searchTerms(q)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'query' }) }));
    }
  });
});
