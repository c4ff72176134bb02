import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from '../errors';
import { Roles, type Actor, type Role } from './roles';

export interface TokenSettings {
  /** HS256 shared secret (`AUTH_JWT_SECRET`). */
  secret?: string;
  /** JWKS endpoint for RS256/ES256 (`AUTH_JWKS_URL`); wins over the secret. */
  jwksUrl?: string;
  /** Expected `iss` claim (`AUTH_ISSUER`); not checked when unset. */
  issuer?: string;
  /** Expected `aud` claim (`AUTH_AUDIENCE`); not checked when unset. */
  audience?: string;
  /** Clock skew accepted on `exp`, `nbf` and `iat`, in seconds (at most 30; default 5). */
  clockToleranceS?: number;
}

/** The most clock skew a verifier accepts: a longer one would stretch every token's lifetime. */
export const MAX_CLOCK_TOLERANCE_S = 30;

export type TokenVerifier = (token: string) => Promise<Actor>;

/**
 * Verifies a bearer token into an Actor. Signature, algorithm and expiry are
 * checked; malformed claims are refused rather than guessed (an unknown role
 * would silently widen or narrow access).
 */
export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (settings.jwksUrl) {
    key = createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    algorithms = ['RS256', 'ES256'];
  } else if (settings.secret) {
    key = new TextEncoder().encode(settings.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('createTokenVerifier needs a secret or a JWKS URL');
  }
  const clockTolerance = Math.min(settings.clockToleranceS ?? 5, MAX_CLOCK_TOLERANCE_S);
  const claims = {
    algorithms,
    requiredClaims: ['sub', 'exp'],
    clockTolerance,
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key as never, claims));
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    const roles = payload.roles;
    const orgs = payload.orgs ?? [];
    if (
      typeof payload.sub !== 'string' ||
      !Array.isArray(roles) ||
      !roles.every((r) => (Roles as readonly string[]).includes(r)) ||
      !Array.isArray(orgs) ||
      !orgs.every((o) => typeof o === 'string')
    ) {
      throw unauthenticated('Token claims are malformed');
    }
    return { personId: payload.sub, roles: new Set(roles as Role[]), orgs: orgs as string[] };
  };
}

/** Reads `Authorization: Bearer …`; null when absent. */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return m ? m[1] : null;
}

export interface TokenClaims {
  sub: string;
  roles: Role[];
  orgs?: string[];
  /** Lifetime in seconds (default one hour). */
  expiresIn?: number;
  /** `iss` and `aud`, for deployments that check them (AUTH_ISSUER, AUTH_AUDIENCE). */
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 token: the development token command and the tests use it. */
export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles, orgs: claims.orgs ?? [] }).setProtectedHeader({ alg: 'HS256' });
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  return jwt
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresIn ?? 3600))
    .sign(new TextEncoder().encode(secret));
}
