import type { EntityManager } from '@mikro-orm/core';
import { defineEvent, type EventEnvelope } from '@linli/events';
import { newestPerKeyBatch } from './newest-batch';

const Placed = defineEvent<{ key: string; at: number }>()('test.row.placed', 1, 'a row state');
const event = (id: string, key: string, at: number) => ({ id, type: Placed.type, version: 1, payload: { key, at } }) as unknown as EventEnvelope;

describe('newestPerKeyBatch: of a run, each row gets its newest event only', () => {
  const applied: string[] = [];
  const prefetched: string[][] = [];
  const batch = newestPerKeyBatch<string>({
    definitions: [Placed],
    keyOf: (e) => (e.payload as { key: string }).key,
    supersedes: (a, b) => (a.payload as { at: number }).at > (b.payload as { at: number }).at,
    // Row "a" is held; "b" has none.
    load: async (_em, keys) => {
      prefetched.push(keys);
      return new Map([['a', 'row-a']]);
    },
    apply: async (_em, e, held) => void applied.push(`${e.id}:${held}`),
  });
  beforeEach(() => {
    applied.length = 0;
    prefetched.length = 0;
  });

  it('keeps the newest per key, whatever the order of arrival, loading the rows once and telling each what it holds', async () => {
    await batch.apply({} as EntityManager, [event('a1', 'a', 1), event('b2', 'b', 2), event('a3', 'a', 3), event('b1', 'b', 1)]);
    expect(applied.sort()).toEqual(['a3:row-a', 'b2:null']);
    expect(prefetched).toEqual([['a', 'b']]);
  });

  it('gives a tie to the later event, as applying them one by one would', async () => {
    await batch.apply({} as EntityManager, [event('first', 'a', 5), event('second', 'a', 5)]);
    expect(applied).toEqual(['second:row-a']);
  });
});
