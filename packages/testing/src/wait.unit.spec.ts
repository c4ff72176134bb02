import { waitFor } from './wait';

describe('waitFor', () => {
  it('returns the value once the predicate passes', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? calls : false), { intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('retries failed assertions and passes when they hold', async () => {
    let n = 0;
    await waitFor(() => expect(++n).toBeGreaterThan(2), { intervalMs: 1 });
    expect(n).toBe(3);
  });

  it('rethrows the last assertion failure on timeout', async () => {
    await expect(waitFor(() => expect(1).toBe(2), { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(/timed out after 30 ms.*toBe/s);
  });

  it('says when a predicate stayed false', async () => {
    await expect(waitFor(() => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow('predicate stayed false');
  });
});
