/**
 * Every subgraph of Linli, in composition order: the one list of services and
 * of their ports. The gateway (its subgraph URLs, composition), the launchers
 * (embedded and distributed), migrations, tests and the benchmark all read it.
 * Adding a subgraph: a `services/<name>` workspace exporting `subgraph`, one
 * row here, and the dependency in infra/stack/package.json (so turbo builds it
 * before the launchers run it).
 */
export const SERVICES = [
  { name: 'organisations', port: 4001 },
  { name: 'grids', port: 4002 },
  { name: 'tickets', port: 4003 },
  { name: 'evaluations', port: 4004 },
  { name: 'owners', port: 4005 },
  { name: 'notifications', port: 4006 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((s) => s.name);

/** The environment variable that points the gateway at a subgraph (`SUBGRAPH_<NAME>_URL`). */
export const subgraphUrlVariable = (name: string) => `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;

/** The variable holding a service's NATS password where nats-server and the distributed launcher run (`NATS_PASSWORD_<NAME>`). */
export const natsPasswordVariable = (name: string) => `NATS_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`;

/**
 * Processes that read the event stream without producing events: the gateway
 * tails it for live updates. Each gets its own NATS user that may read the
 * stream and nothing else (`npm run nats:config`; password `NATS_PASSWORD_<NAME>`).
 */
export const EVENT_READERS = ['gateway'] as const;
