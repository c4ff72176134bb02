import { writeFileSync } from 'node:fs';
import { deploymentNatsAuthorization, NATS_AUTHORIZATION_FILE } from '../nats-config';

/** `npm run nats:config`: rewrites infra/nats/authorization.conf after a service is added. */
writeFileSync(NATS_AUTHORIZATION_FILE, deploymentNatsAuthorization());
console.log(`wrote ${NATS_AUTHORIZATION_FILE}`);
