import { ALL_SCOPES, assigneeDeltas, countDeltas, countKeys, countPlan, isMonthStart, monthOf, monthStart, nextMonthStart } from './ticket.count.rules';

const ticket = (over: Partial<Parameters<typeof countKeys>[0]> = {}) => ({
  scopePath: '/d/s/c/',
  createdAt: new Date('2026-10-31T16:30:00.000Z'), // 2026-11-01 00:30 in UTC+8
  status: 'SUBMITTED',
  category: 'REPAIR',
  escalationLevel: 'COMPOUND',
  assigneeId: null as string | null,
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

  it("moves a ticket between work queues' counters: none before dispatch, by status while assigned, out when it leaves", () => {
    expect(assigneeDeltas(null, ticket())).toEqual([]);
    expect(assigneeDeltas(ticket(), ticket({ status: 'DISPATCHED', assigneeId: 'firm' }))).toEqual([{ assigneeId: 'firm', status: 'DISPATCHED', n: 1 }]);
    expect(assigneeDeltas(ticket({ status: 'DISPATCHED', assigneeId: 'firm' }), ticket({ status: 'ACCEPTED', assigneeId: 'firm' }))).toEqual([
      { assigneeId: 'firm', status: 'ACCEPTED', n: 1 },
      { assigneeId: 'firm', status: 'DISPATCHED', n: -1 },
    ]);
    // Redispatched elsewhere: out of one queue, into the other.
    expect(assigneeDeltas(ticket({ status: 'DISPATCHED', assigneeId: 'firm' }), ticket({ status: 'DISPATCHED', assigneeId: 'police' }))).toEqual([
      { assigneeId: 'firm', status: 'DISPATCHED', n: -1 },
      { assigneeId: 'police', status: 'DISPATCHED', n: 1 },
    ]);
    // Escalated (no assignee): out of the queue.
    expect(assigneeDeltas(ticket({ status: 'DISPATCHED', assigneeId: 'firm' }), ticket({ status: 'SUBMITTED' }))).toEqual([{ assigneeId: 'firm', status: 'DISPATCHED', n: -1 }]);
    // A change the queue counters do not key on changes nothing.
    expect(assigneeDeltas(ticket({ status: 'CLOSED', assigneeId: 'firm' }), ticket({ status: 'CLOSED', assigneeId: 'firm', escalationLevel: 'STREET' }))).toEqual([]);
  });

  it('tells UTC+8 month starts', () => {
    expect(isMonthStart(new Date('2026-10-31T16:00:00.000Z'))).toBe(true);
    expect(isMonthStart(new Date('2026-11-01T00:00:00.000Z'))).toBe(false);
    expect(monthOf(new Date('2026-10-31T15:59:59.999Z'))).toBe('2026-10');
  });

  it('finds the UTC+8 month around an instant', () => {
    const at = new Date('2026-11-30T16:30:00.000Z'); // 2026-12-01 00:30 in UTC+8
    expect(monthStart(at).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(nextMonthStart(at).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(nextMonthStart(new Date('2026-12-15T00:00:00.000Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(isMonthStart(monthStart(at))).toBe(true);
  });

  it('counts whole months from the counters and only the cut parts of months from the rows', () => {
    const statuses = ['SUBMITTED', 'DISPATCHED'];
    const counters = (fromMonth: string | null, toMonth: string | null) => ({ scopeId: 'd', statuses, category: null, escalationLevel: null, fromMonth, toMonth });
    // Month-start bounds: the counters alone.
    expect(countPlan('d', { statuses, createdFrom: new Date('2026-10-31T16:00:00.000Z') })).toEqual({ counters: counters('2026-11', null), rows: [] });
    expect(countPlan('d', { statuses })).toEqual({ counters: counters(null, null), rows: [] });
    // "The last 365 days": the first, cut month from the rows, the rest from the counters.
    const from = new Date('2025-12-03T07:00:00.000Z');
    expect(countPlan('d', { statuses, createdFrom: from })).toEqual({ counters: counters('2026-01', null), rows: [{ from, to: new Date('2025-12-31T16:00:00.000Z') }] });
    // Both bounds cut: two edge ranges around the whole months.
    const to = new Date('2026-03-10T00:00:00.000Z');
    expect(countPlan('d', { statuses, createdFrom: from, createdTo: to })).toEqual({
      counters: counters('2026-01', '2026-03'),
      rows: [
        { from, to: new Date('2025-12-31T16:00:00.000Z') },
        { from: new Date('2026-02-28T16:00:00.000Z'), to },
      ],
    });
    // No whole month inside (within one month, or across one month's end): the rows alone.
    const a = new Date('2026-11-20T12:00:00.000Z');
    const b = new Date('2026-12-05T00:00:00.000Z');
    expect(countPlan('d', { statuses: null, createdFrom: a, createdTo: b })).toEqual({ counters: null, rows: [{ from: a, to: b }] });
    expect(countPlan('d', { statuses: null, createdFrom: b, createdTo: a })).toEqual({ counters: null, rows: [{ from: b, to: a }] });
  });

  it('leaves filters the counters do not hold to the rows', () => {
    expect(countPlan('d', { statuses: null, gridId: 'g' })).toBeNull();
    expect(countPlan('d', { statuses: null, assigneeId: 'o' })).toBeNull();
    expect(countPlan('d', { statuses: null, overdue: false })).toBeNull();
  });
});
