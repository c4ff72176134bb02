import { ALL_SCOPES, countDeltas, countKeys, countQuery, isMonthStart, monthOf } from './ticket.count.rules';

const ticket = (over: Partial<Parameters<typeof countKeys>[0]> = {}) => ({
  scopePath: '/d/s/c/',
  createdAt: new Date('2026-10-31T16:30:00.000Z'), // 2026-11-01 00:30 in UTC+8
  status: 'SUBMITTED',
  category: 'REPAIR',
  escalationLevel: 'COMPOUND',
  ...over,
});

describe('ticket counters', () => {
  it('counts a ticket under every node of its path and under everything, in its UTC+8 month', () => {
    expect(countKeys(ticket()).map((k) => [k.scopeId, k.month])).toEqual([
      [ALL_SCOPES, '2026-11'],
      ['d', '2026-11'],
      ['s', '2026-11'],
      ['c', '2026-11'],
    ]);
  });

  it('moves a ticket between keys on a transition and adds it on submission', () => {
    expect(countDeltas(null, ticket()).every((d) => d.n === 1)).toBe(true);
    const moved = countDeltas(ticket(), ticket({ status: 'DISPATCHED' }));
    expect(moved).toHaveLength(8);
    expect(moved.filter((d) => d.status === 'SUBMITTED').every((d) => d.n === -1)).toBe(true);
    expect(moved.filter((d) => d.status === 'DISPATCHED').every((d) => d.n === 1)).toBe(true);
    // Sorted by key: concurrent writes lock counter rows in one order.
    const keys = moved.map((d) => [d.scopeId, d.month, d.status, d.category, d.escalationLevel].join('\u0000'));
    expect([...keys].sort()).toEqual(keys);
    // A change the counters do not key on (a rating, a due time) changes nothing.
    expect(countDeltas(ticket(), ticket())).toEqual([]);
  });

  it('tells UTC+8 month starts', () => {
    expect(isMonthStart(new Date('2026-10-31T16:00:00.000Z'))).toBe(true);
    expect(isMonthStart(new Date('2026-11-01T00:00:00.000Z'))).toBe(false);
    expect(monthOf(new Date('2026-10-31T15:59:59.999Z'))).toBe('2026-10');
  });

  it('answers only filters it counts exactly', () => {
    const statuses = ['SUBMITTED', 'DISPATCHED'];
    expect(countQuery('d', { statuses, createdFrom: new Date('2026-10-31T16:00:00.000Z') })).toEqual({
      scopeId: 'd',
      statuses,
      category: null,
      escalationLevel: null,
      fromMonth: '2026-11',
      toMonth: null,
    });
    expect(countQuery('d', { statuses: null, createdFrom: new Date('2026-11-01T00:00:00.000Z') })).toBeNull();
    expect(countQuery('d', { statuses: null, gridId: 'g' })).toBeNull();
    expect(countQuery('d', { statuses: null, assigneeId: 'o' })).toBeNull();
    expect(countQuery('d', { statuses: null, overdue: false })).toBeNull();
  });
});
