import { natsPasswordVariable } from '@linli/platform';
import { dlqStreamName, dlqSubjectFor } from './nats.transport';

export interface BusNames {
  /** Subject prefix (EVENT_SUBJECT_PREFIX). */
  prefix: string;
  /** Event stream (NATS_STREAM); its dead-letter stream is `<stream>_DLQ`. */
  stream: string;
}

export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
}

/**
 * The inbox prefix of a service's connection: replies (JetStream API answers,
 * pulled messages) come to `_INBOX_<service>.…`, which only that service may
 * subscribe to, so no service reads or answers another's replies.
 */
export const inboxPrefixFor = (service: string) => `_INBOX_${service}`;

/**
 * What one service's NATS user may do (issue #10, hole 4): publish events
 * only under its own name (`<prefix>.events.<service>.>`) and dead letters
 * only to its own DLQ subject; use the JetStream API only for the two
 * streams and its own durable consumer (create, read, pull, ack). Nothing
 * else: not another service's subjects, not other consumers, not `_INBOX.>`
 * (a forged message published into a consumer's inbox would skip the
 * stream and its subject permission).
 */
export function servicePermissions(service: string, bus: BusNames): NatsPermissions {
  const { prefix, stream } = bus;
  const dlq = dlqStreamName(stream);
  return {
    publish: [
      `${prefix}.events.${service}.>`,
      dlqSubjectFor(prefix, service),
      '$JS.API.INFO',
      // Every replica may create or reconcile the streams at start (NatsTransport.connect).
      ...[stream, dlq].flatMap((s) => [`$JS.API.STREAM.INFO.${s}`, `$JS.API.STREAM.CREATE.${s}`, `$JS.API.STREAM.UPDATE.${s}`]),
      `$JS.API.CONSUMER.INFO.${stream}.${service}`,
      `$JS.API.CONSUMER.CREATE.${stream}.${service}`,
      `$JS.API.CONSUMER.CREATE.${stream}.${service}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${service}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${service}`,
      `$JS.ACK.${stream}.${service}.>`,
    ],
    subscribe: [`${inboxPrefixFor(service)}.>`],
  };
}

/**
 * What a reader's NATS user may do (the gateway, tailing the stream for live
 * updates): read the event stream through an ordered consumer of its own
 * (create it filtered on the events, ask its info, pull from it) and receive
 * the replies in its own inbox. It publishes no event, acks nothing, writes
 * no dead letter and creates, changes or deletes no stream. JetStream names
 * a consumer in one subject token, so the rights to create and pull are
 * granted for any consumer name of the stream (docs/security.md).
 */
export function readerPermissions(reader: string, bus: BusNames): NatsPermissions {
  const { prefix, stream } = bus;
  return {
    publish: [
      '$JS.API.INFO',
      `$JS.API.STREAM.INFO.${stream}`,
      `$JS.API.CONSUMER.CREATE.${stream}.*.${prefix}.events.>`,
      `$JS.API.CONSUMER.INFO.${stream}.*`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
    ],
    subscribe: [`${inboxPrefixFor(reader)}.>`],
  };
}

const quote = (s: string) => JSON.stringify(s);


export interface AuthorizationOptions extends BusNames {
  services: readonly string[];
  /** Users that only read the stream (readerPermissions): the gateway. */
  readers?: readonly string[];
  /** A literal password per service or reader (tests); default: `$NATS_PASSWORD_<SERVICE>`, resolved by nats-server from its environment. */
  passwords?: Readonly<Record<string, string>>;
  /** An operator user with every permission (stream administration, DLQ replay); omitted when undefined. */
  admin?: { user: string; password?: string };
}

/**
 * The `authorization { users: [...] }` block of nats-server's configuration:
 * one user per service with servicePermissions, one per reader with
 * readerPermissions, and optionally one operator.
 * `infra/nats/authorization.conf` is this with the default names
 * (`npm run nats:config`; a test keeps it current).
 */
export function natsAuthorizationConfig(opts: AuthorizationOptions): string {
  const password = (service: string) => (opts.passwords?.[service] !== undefined ? quote(opts.passwords[service]) : `$${natsPasswordVariable(service)}`);
  const list = (items: string[]) => `[\n${items.map((i) => `          ${quote(i)}`).join(',\n')}\n        ]`;
  const users = [
    ...opts.services.map((service) => [service, servicePermissions(service, opts)] as const),
    ...(opts.readers ?? []).map((reader) => [reader, readerPermissions(reader, opts)] as const),
  ].map(([service, p]) => {
    return [
      `    {`,
      `      user: ${quote(service)}`,
      `      password: ${password(service)}`,
      `      permissions: {`,
      `        publish: { allow: ${list(p.publish)} }`,
      `        subscribe: { allow: ${list(p.subscribe)} }`,
      `      }`,
      `    }`,
    ].join('\n');
  });
  if (opts.admin) {
    const pw = opts.admin.password !== undefined ? quote(opts.admin.password) : '$NATS_PASSWORD_ADMIN';
    users.push(`    { user: ${quote(opts.admin.user)}, password: ${pw} }`);
  }
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}
