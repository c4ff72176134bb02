import { SignJWT } from 'jose';
import { bearerToken, createTokenVerifier, signToken } from './tokens';

const SECRET = 'a-test-secret-of-enough-length';
const verify = createTokenVerifier({ secret: SECRET });
const code = (p: Promise<unknown>) => p.then(() => null, (e) => e.extensions.code);

describe('token verification', () => {
  it('turns a valid token into an actor', async () => {
    const token = await signToken({ sub: 'p1', roles: ['COMMUNITY_STAFF'], orgs: ['c1'] }, SECRET);
    const actor = await verify(token);
    expect(actor.personId).toBe('p1');
    expect([...actor.roles]).toEqual(['COMMUNITY_STAFF']);
    expect(actor.orgs).toEqual(['c1']);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signToken({ sub: 'p1', roles: ['RESIDENT'] }, 'another-secret-of-enough-length');
    expect(await code(verify(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const token = await signToken({ sub: 'p1', roles: ['RESIDENT'], expiresIn: -10 }, SECRET);
    expect(await code(verify(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses unknown roles and tokens without expiry', async () => {
    expect(await code(verify(await signToken({ sub: 'p1', roles: ['SUPERUSER' as never] }, SECRET)))).toBe('UNAUTHENTICATED');
    const noExp = await new SignJWT({ roles: ['RESIDENT'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('p1').sign(new TextEncoder().encode(SECRET));
    expect(await code(verify(noExp))).toBe('UNAUTHENTICATED');
  });

  it('reads only Bearer authorization headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcg==')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it('checks issuer and audience when configured, within a bounded clock tolerance', async () => {
    const strict = createTokenVerifier({ secret: SECRET, issuer: 'linli', audience: 'api', clockToleranceS: 300 });
    const good = await signToken({ sub: 'p1', roles: ['RESIDENT'], issuer: 'linli', audience: 'api' }, SECRET);
    expect((await strict(good)).personId).toBe('p1');
    expect(await code(strict(await signToken({ sub: 'p1', roles: ['RESIDENT'], issuer: 'other', audience: 'api' }, SECRET)))).toBe('UNAUTHENTICATED');
    expect(await code(strict(await signToken({ sub: 'p1', roles: ['RESIDENT'], issuer: 'linli', audience: 'other' }, SECRET)))).toBe('UNAUTHENTICATED');
    expect(await code(strict(await signToken({ sub: 'p1', roles: ['RESIDENT'] }, SECRET)))).toBe('UNAUTHENTICATED');
    // Asked for 300 s, the verifier still allows only 30: a token expired 60 s ago is refused, one expired 20 s ago passes.
    const expired = (s: number) => signToken({ sub: 'p1', roles: ['RESIDENT'], issuer: 'linli', audience: 'api', expiresIn: -s }, SECRET);
    expect(await code(strict(await expired(60)))).toBe('UNAUTHENTICATED');
    expect((await strict(await expired(20))).personId).toBe('p1');
  });
});
