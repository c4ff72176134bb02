import { checkTicketIds, holdDeliberation } from './deliberation.rules';

describe('deliberations', () => {
  it('SCHEDULED → HELD once; a second outcome is INVALID_TRANSITION', () => {
    expect(holdDeliberation('SCHEDULED')).toBe('HELD');
    expect(() => holdDeliberation('HELD')).toThrow(expect.objectContaining({ extensions: { code: 'INVALID_TRANSITION', status: 'HELD', action: 'RECORD_OUTCOME' } }));
  });

  it('links each ticket once, at most 50', () => {
    expect(checkTicketIds(['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(() => checkTicketIds(Array.from({ length: 51 }, (_, i) => `t${i}`))).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'ticketIds' } }));
  });
});
