import { parseArgs } from 'node:util';
import { Roles, authSettings, signToken, type Role } from '@linli/platform';
import { loadStackEnv } from '../env';

/**
 * `npm run token -- --role COMMUNITY_STAFF --org <id> --sub <personId> [--hours 8]`
 * prints a development token signed with AUTH_JWT_SECRET (or the embedded default).
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    org: { type: 'string', multiple: true, default: [] },
    sub: { type: 'string', default: 'dev-person' },
    hours: { type: 'string', default: '8' },
  },
});
const roles = values.role as string[];
const bad = roles.filter((r) => !(Roles as readonly string[]).includes(r));
if (!roles.length || bad.length) {
  console.error(`--role is required, one or more of: ${Roles.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`);
  process.exit(2);
}
// The token command belongs to embedded mode: its development secret is refused by every other process.
const { secret, issuer, audience } = authSettings(loadStackEnv(), 'embedded');
if (!secret) {
  console.error('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command.');
  process.exit(2);
}
signToken({ sub: values.sub!, roles: roles as Role[], orgs: values.org as string[], expiresIn: Number(values.hours) * 3600, issuer, audience }, secret).then((t) =>
  console.log(t),
);
