import { randomBytes } from 'node:crypto';
import { EVENT_READERS, natsPasswordVariable, SERVICE_NAMES } from '@linli/platform';
import { deploymentNatsAuthorization } from '@linli/stack';
import { startPrivateNats, type PrivateNats } from '@linli/testing';

export interface BenchNats extends PrivateNats {
  /** `NATS_PASSWORD_<SERVICE>` (and the gateway's) for planDistributed: each process connects as its own user. */
  passwords: Record<string, string>;
}

/**
 * The benchmark's own nats-server (free port, temporary JetStream store) with
 * the deployment's authorization (`npm run nats:config`, infra/nats) and
 * passwords generated for this run: the stack runs in production mode with
 * every service as its own NATS user, as deployed, and nothing of the run is
 * left on the shared server. The store goes with the server; a reused seed
 * needs no stream state (the services re-create the stream and consumers, and
 * everything seeded was applied before the seed finished).
 */
export async function startBenchNats(): Promise<BenchNats> {
  const users = [...SERVICE_NAMES, ...EVENT_READERS, 'admin'];
  const generated = Object.fromEntries(users.map((u) => [u, randomBytes(18).toString('hex')]));
  const server = await startPrivateNats(deploymentNatsAuthorization(generated));
  const passwords = Object.fromEntries([...SERVICE_NAMES, ...EVENT_READERS].map((u) => [natsPasswordVariable(u), generated[u]]));
  return { ...server, passwords };
}
