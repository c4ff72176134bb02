import { checkSecret, checkWebhookUrl, isPrivateAddress, retryDelayMs, signature } from './webhook.rules';

describe('webhook rules', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', 'not-an-ip'])(
    '%s is private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => expect(isPrivateAddress(address)).toBe(false));

  it('takes https only unless private targets are allowed, and never credentials', () => {
    expect(() => checkWebhookUrl('http://example.com/x', false)).toThrow(/https/);
    expect(checkWebhookUrl('http://example.com/x', true).protocol).toBe('http:');
    expect(() => checkWebhookUrl('https://user:pw@example.com/x', true)).toThrow(/credentials/);
    expect(() => checkWebhookUrl('ftp://example.com/x', true)).toThrow(/https/);
    expect(() => checkWebhookUrl('nonsense', true)).toThrow(/valid URL/);
  });

  it('takes secrets of 32 to 256 characters', () => {
    expect(() => checkSecret('x'.repeat(31))).toThrow();
    expect(checkSecret('x'.repeat(32))).toHaveLength(32);
    expect(() => checkSecret('x'.repeat(257))).toThrow();
  });

  it('signs the body with HMAC-SHA256 as sha256=<hex>', () => {
    // RFC 4231 test case 2.
    expect(signature('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 10_000, 3_600_000))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(30, 10_000, 3_600_000)).toBe(3_600_000);
  });
});
