import { badInput, forbidden, invalidTransition, maskError } from './errors';

describe('error masking', () => {
  it('keeps contract codes with their public extensions only', () => {
    const e = badInput('phone', 'phone is not valid');
    expect(maskError({ message: e.message, extensions: { ...e.extensions, stacktrace: ['at x (/srv/app.js:1)'], serviceName: 'tickets' } })).toEqual({
      message: 'phone is not valid',
      extensions: { code: 'BAD_USER_INPUT', field: 'phone' },
    });
    const t = invalidTransition('CLOSED', 'RATE');
    expect(maskError({ message: t.message, extensions: t.extensions }).extensions).toEqual({ code: 'INVALID_TRANSITION', status: 'CLOSED', action: 'RATE' });
    expect(maskError({ message: 'no', extensions: forbidden().extensions }).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('turns anything else into a bare internal error', () => {
    const masked = maskError({ message: 'relation "ticket" does not exist at /srv/db.ts:12', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
    expect(masked).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(maskError({ message: 'TypeError: x is undefined' })).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
