import { uniqueName } from './names';

describe('uniqueName', () => {
  it('is a valid identifier, unique, and bounded', () => {
    const a = uniqueName('t', 'Outbox Relay / PG!');
    const b = uniqueName('t', 'Outbox Relay / PG!');
    expect(a).toMatch(/^t_outbox_relay_pg_[a-z0-9]+$/);
    expect(a).not.toBe(b);
    expect(uniqueName('t', 'x'.repeat(200)).length).toBeLessThanOrEqual(63);
  });
});
