import { auditSummary, summariseArguments } from './audit';

describe('audit summaries (contract "Audit log": what changed, without phone numbers)', () => {
  it('masks mobiles and landlines wherever they appear', () => {
    expect(auditSummary('registerPerson {"phone":"13812345678"}')).toBe('registerPerson {"phone":"138****5678"}');
    expect(auditSummary('contact 029-88886666 or 02988886666')).not.toMatch(/88886666/);
    // Longer digit runs (ids, amounts) are not phones.
    expect(auditSummary('amount 1381234567890')).toBe('amount 1381234567890');
  });

  it('shortens long values (a CSV) and the whole summary', () => {
    const s = summariseArguments('importHouseholds', { input: { csv: 'x'.repeat(10_000) } });
    expect(s.length).toBeLessThanOrEqual(500);
    expect(s).toContain('(10000 characters)');
  });
});
