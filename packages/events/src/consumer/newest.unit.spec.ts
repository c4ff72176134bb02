import { changeOrderOf, supersedes, type ChangeOrder } from './newest';

const at = (iso: string) => new Date(iso);
const order = (sequence: number | null, asOf: string | null): ChangeOrder => ({ sequence, asOf: asOf ? at(asOf) : null });

describe('supersedes: the producer order copies apply changes in', () => {
  it('orders sequenced changes by sequence, whatever their occurredAt (same millisecond, skewed clocks)', () => {
    expect(supersedes(order(3, '2026-11-01T00:00:00.000Z'), order(2, '2026-11-01T00:00:00.000Z'))).toBe(true);
    expect(supersedes(order(2, '2026-11-01T00:00:00.000Z'), order(3, '2026-11-01T00:00:00.000Z'))).toBe(false);
    // A later change stamped earlier by a replica whose clock lags still wins; the earlier one arriving late loses.
    expect(supersedes(order(5, '2026-11-01T00:00:00.000Z'), order(4, '2026-11-01T00:05:00.000Z'))).toBe(true);
    expect(supersedes(order(4, '2026-11-01T00:05:00.000Z'), order(5, '2026-11-01T00:00:00.000Z'))).toBe(false);
  });

  it('never replaces a change by itself (a redelivery of the same sequence)', () => {
    expect(supersedes(order(2, '2026-11-01T00:00:00.000Z'), order(2, '2026-11-01T00:00:00.000Z'))).toBe(false);
  });

  it('ranks a change without a sequence (from before the release) below every sequenced one', () => {
    expect(supersedes(order(1, '2026-10-01T00:00:00.000Z'), order(null, '2026-11-01T00:00:00.000Z'))).toBe(true);
    expect(supersedes(order(null, '2026-12-01T00:00:00.000Z'), order(1, '2026-11-01T00:00:00.000Z'))).toBe(false);
  });

  it('orders unsequenced changes by occurredAt, a tie going to the arriving one, a row without one ranking oldest', () => {
    expect(supersedes(order(null, '2026-11-02T00:00:00.000Z'), order(null, '2026-11-01T00:00:00.000Z'))).toBe(true);
    expect(supersedes(order(null, '2026-11-01T00:00:00.000Z'), order(null, '2026-11-02T00:00:00.000Z'))).toBe(false);
    expect(supersedes(order(null, '2026-11-01T00:00:00.000Z'), order(null, '2026-11-01T00:00:00.000Z'))).toBe(true);
    expect(supersedes(order(null, '2026-11-01T00:00:00.000Z'), order(null, null))).toBe(true);
  });

  it('reads the order of an event from its payload and envelope', () => {
    expect(changeOrderOf({ occurredAt: '2026-11-01T00:00:00.000Z', payload: { sequence: 7 } })).toEqual(order(7, '2026-11-01T00:00:00.000Z'));
    expect(changeOrderOf({ occurredAt: '2026-11-01T00:00:00.000Z', payload: { name: 'x' } })).toEqual(order(null, '2026-11-01T00:00:00.000Z'));
  });
});
