import { byIds, groupBy, Loaders } from './loaders';

describe('per-request loaders', () => {
  it('batch every load of a tick into one call, per key', async () => {
    const loaders = new Loaders();
    const calls: string[][] = [];
    const batch = async (ids: readonly string[]) => {
      calls.push([...ids]);
      return ids.map((id) => ({ id }));
    };
    const results = await Promise.all(['a', 'b', 'a', 'c'].map((id) => loaders.load('thing', id, batch)));
    expect(results.map((r) => r?.id)).toEqual(['a', 'b', 'a', 'c']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('order rows by the requested ids, null where missing', () => {
    expect(byIds(['x', 'y', 'z'], [{ id: 'z' }, { id: 'x' }])).toEqual([{ id: 'x' }, null, { id: 'z' }]);
    expect(groupBy(['p', 'q'], [{ k: 'q', v: 1 }, { k: 'q', v: 2 }], (r) => r.k)).toEqual([[], [{ k: 'q', v: 1 }, { k: 'q', v: 2 }]]);
  });
});
