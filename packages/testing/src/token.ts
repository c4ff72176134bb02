import { DEVELOPMENT_JWT_SECRET, signToken, type Role } from '@linli/platform';

export interface MintTokenOptions {
  sub: string;
  roles: Role[];
  orgs?: string[];
  /** Lifetime in seconds (default one hour); negative mints an expired token. */
  expiresIn?: number;
  /** Defaults to the development secret every process falls back to outside production. */
  secret?: string;
}

/** A signed HS256 bearer token, as the subgraphs and gateway verify it. */
export function mintToken(opts: MintTokenOptions): Promise<string> {
  return signToken({ sub: opts.sub, roles: opts.roles, orgs: opts.orgs ?? [], expiresIn: opts.expiresIn }, opts.secret ?? DEVELOPMENT_JWT_SECRET);
}
