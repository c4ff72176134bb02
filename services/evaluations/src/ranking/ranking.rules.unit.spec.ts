import { rankByScore } from './ranking.rules';

describe('firm ranking', () => {
  it('orders best score first, ties by name, and numbers the places', () => {
    const ranked = rankByScore([
      { item: 'c', score: 80, name: '宏达物业', id: '3' },
      { item: 'a', score: 92.5, name: '安居物业', id: '1' },
      { item: 'b', score: 80, name: '安居二物业', id: '2' },
    ]);
    expect(ranked.map((r) => [r.rank, r.item])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });
});
