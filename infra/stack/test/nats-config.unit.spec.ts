import { readFileSync } from 'node:fs';
import { deploymentNatsAuthorization, NATS_AUTHORIZATION_FILE } from '../src/nats-config';

describe('infra/nats/authorization.conf', () => {
  it('is current with the service registry (npm run nats:config)', () => {
    expect(readFileSync(NATS_AUTHORIZATION_FILE, 'utf8')).toBe(deploymentNatsAuthorization());
  });

  it('is included by the deployment configuration', () => {
    expect(readFileSync(NATS_AUTHORIZATION_FILE.replace('authorization.conf', 'jetstream.conf'), 'utf8')).toMatch(/^include \.\/authorization\.conf$/m);
  });
});
