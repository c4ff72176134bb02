import { codeDay, ticketCode } from './ticket.code';

describe('ticket codes (contract: TK-20261122-000123)', () => {
  it('date in China Standard Time, then the day\'s sequence zero-padded to 6 digits', () => {
    expect(ticketCode('20261122', 123)).toBe('TK-20261122-000123');
    expect(ticketCode('20261122', 1)).toMatch(/^TK-\d{8}-\d{6}$/);
    expect(ticketCode('20261122', 1234567)).toBe('TK-20261122-1234567');
  });

  it('the day turns at midnight UTC+8, not UTC', () => {
    expect(codeDay(new Date('2026-11-22T15:59:59.999Z'))).toBe('20261122');
    expect(codeDay(new Date('2026-11-22T16:00:00.000Z'))).toBe('20261123');
  });

  it('refuses malformed parts', () => {
    expect(() => ticketCode('2026-11-22', 1)).toThrow();
    expect(() => ticketCode('20261122', 0)).toThrow();
  });
});
