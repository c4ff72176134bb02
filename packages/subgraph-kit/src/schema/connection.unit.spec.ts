import { decodeCursor, encodeCursor, toPage } from './connection';

describe('keyset cursors', () => {
  it('round-trip createdAt and id', () => {
    const row = { createdAt: new Date('2026-11-22T08:00:00.123Z'), id: 'b3c1' };
    expect(decodeCursor(encodeCursor(row))).toEqual(row);
    expect(decodeCursor(undefined)).toBeNull();
  });

  it.each(['not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["nope","x"]').toString('base64url')])(
    'refuse a tampered cursor %p as BAD_USER_INPUT',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }));
    },
  );

  it('make a page from first + 1 rows', () => {
    const rows = [3, 2, 1].map((n) => ({ createdAt: new Date(n * 1000), id: `t${n}` }));
    const page = toPage(rows, 2, 10, (r) => r.id);
    expect(page.edges.map((e) => e.node)).toEqual(['t3', 't2']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[1].cursor });
    expect(decodeCursor(page.pageInfo.endCursor)).toEqual(rows[1]);
    const last = toPage(rows.slice(0, 1), 2, 1, (r) => r.id);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(toPage([], 2, 0, (r: { id: string; createdAt: Date }) => r).pageInfo.endCursor).toBeNull();
  });
});
