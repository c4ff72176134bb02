import { createTokenVerifier, DEVELOPMENT_JWT_SECRET } from '@linli/platform';
import { mintToken } from './token';

describe('mintToken', () => {
  it('signs a token the platform verifier accepts with the development secret', async () => {
    const token = await mintToken({ sub: 'person-1', roles: ['GRID_WORKER'], orgs: ['org-1'] });
    const actor = await createTokenVerifier({ secret: DEVELOPMENT_JWT_SECRET })(token);
    expect(actor.personId).toBe('person-1');
    expect([...actor.roles]).toEqual(['GRID_WORKER']);
    expect(actor.orgs).toEqual(['org-1']);
  });

  it('honours a custom secret and expiry', async () => {
    const secret = 'another-secret-of-enough-length';
    const expired = await mintToken({ sub: 'p', roles: [], secret, expiresIn: -10 });
    await expect(createTokenVerifier({ secret })(expired)).rejects.toThrow('Invalid or expired token');
    const wrongKey = await mintToken({ sub: 'p', roles: [] });
    await expect(createTokenVerifier({ secret })(wrongKey)).rejects.toThrow();
  });
});
