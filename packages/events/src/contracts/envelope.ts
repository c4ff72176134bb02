import { randomUUID } from 'node:crypto';
import { currentTraceparent } from '@linli/platform';
import { currentCause } from '../consumer/cause';

/**
 * What travels on the bus. The envelope is the same for every event; only
 * `payload` differs by `type` and `version`. Names are past tense (a fact that
 * happened in the producing service), and consumers never see the producer's
 * tables, only this.
 */
export interface EventEnvelope<T extends string = string, P = unknown> {
  /** UUID; also the JetStream `Nats-Msg-Id` (publish dedupe) and the consumers' idempotency key. */
  id: string;
  /** `<service>.<aggregate>.<past-tense verb>`, e.g. `organisations.organisation.created`. */
  type: T;
  /** Payload schema version: a breaking change is a new version beside the old one. */
  version: number;
  /** Name of the producing service. */
  source: string;
  /** ISO-8601 instant at which the state change committed (as recorded with it). */
  occurredAt: string;
  /**
   * The id of the request that started the chain (the gateway's request id),
   * kept by every event recorded while handling an event of the chain; null
   * for scheduled work.
   */
  correlationId: string | null;
  /** The id of the event whose handling recorded this one; null or absent when a request or a scheduler did. */
  causationId?: string | null;
  /** W3C trace context of the work that recorded the event (OpenTelemetry), when tracing is on. */
  traceparent?: string | null;
  payload: P;
}

/** A typed contract for one version of one event type. */
export interface EventDefinition<T extends string = string, P = unknown> {
  readonly type: T;
  readonly version: number;
  /**
   * The one service allowed to produce this event: the type's first segment
   * (`organisations.organisation.moved` → `organisations`). Consumers refuse
   * an envelope whose `source` is anyone else, and NATS lets each service
   * publish only under its own name (docs/security.md, "Event bus").
   */
  readonly producer: string;
  readonly description: string;
  /** Phantom field that carries the payload type; never set at runtime. */
  readonly __payload?: P;
}

export type PayloadOf<D> = D extends EventDefinition<string, infer P> ? P : never;
export type EnvelopeOf<D> = D extends EventDefinition<infer T, infer P> ? EventEnvelope<T, P> : never;

/**
 * Declares an event contract. Curried so the payload type is given explicitly
 * while the type name stays a literal:
 * `defineEvent<{ organisationId: string }>()('organisations.organisation.created', 1, '…')`.
 */
export function defineEvent<P>() {
  return <T extends string>(type: T, version: number, description: string): EventDefinition<T, P> => {
    if (!/^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*){2,}$/.test(type)) {
      // Types become NATS subject tokens: no wildcards, spaces or empty tokens.
      throw new Error(`Event type "${type}" must be dot-separated lower-case words (<service>.<aggregate>.<verb>)`);
    }
    if (!Number.isInteger(version) || version < 1) throw new Error(`Event version of "${type}" must be a positive integer`);
    return Object.freeze({ type, version, producer: type.slice(0, type.indexOf('.')), description });
  };
}

/** The NATS subject of an event: one subject per type and version, under the deployment's prefix. */
export function subjectFor(prefix: string, def: Pick<EventDefinition, 'type' | 'version'>): string {
  return `${prefix}.events.${def.type}.v${def.version}`;
}

/** The subject filter that matches every event under a prefix (the stream's and consumers' filter). */
export function eventsSubjectFilter(prefix: string): string {
  return `${prefix}.events.>`;
}

export interface EnvelopeMeta {
  source: string;
  /** Default: the correlationId of the event being handled (consumer), else null. */
  correlationId?: string | null;
  /** Default: the id of the event being handled (consumer), else null. */
  causationId?: string | null;
  /** Default: the active span's (currentTraceparent). */
  traceparent?: string | null;
  occurredAt?: Date | string;
  /** Only for tests and replays that must reuse an id; normally a fresh UUID. */
  id?: string;
}

export function createEnvelope<T extends string, P>(def: EventDefinition<T, P>, payload: P, meta: EnvelopeMeta): EventEnvelope<T, P> {
  const occurredAt = meta.occurredAt ?? new Date();
  const cause = currentCause();
  return {
    id: meta.id ?? randomUUID(),
    type: def.type,
    version: def.version,
    source: meta.source,
    occurredAt: typeof occurredAt === 'string' ? new Date(occurredAt).toISOString() : occurredAt.toISOString(),
    correlationId: meta.correlationId ?? cause?.correlationId ?? null,
    causationId: meta.causationId ?? cause?.id ?? null,
    traceparent: meta.traceparent ?? currentTraceparent(),
    payload,
  };
}

/** True when `env` is an instance of `def` (same type and version); narrows the payload. */
export function isEvent<T extends string, P>(env: EventEnvelope, def: EventDefinition<T, P>): env is EventEnvelope<T, P> {
  return env.type === def.type && env.version === def.version;
}

/**
 * Checks the shape of an envelope received from the wire. Anything else is a
 * poison message: it can never be handled, however often it is redelivered.
 */
export function parseEnvelope(raw: unknown): EventEnvelope {
  const e = raw as Partial<EventEnvelope> | null;
  const problems: string[] = [];
  if (!e || typeof e !== 'object' || Array.isArray(e)) throw new Error('Envelope is not an object');
  if (typeof e.id !== 'string' || !e.id) problems.push('id');
  if (typeof e.type !== 'string' || !e.type) problems.push('type');
  if (typeof e.version !== 'number' || !Number.isInteger(e.version)) problems.push('version');
  if (typeof e.source !== 'string') problems.push('source');
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt))) problems.push('occurredAt');
  for (const key of ['correlationId', 'causationId', 'traceparent'] as const) {
    if (e[key] !== null && e[key] !== undefined && typeof e[key] !== 'string') problems.push(key);
  }
  if (!('payload' in e)) problems.push('payload');
  if (problems.length) throw new Error(`Envelope has invalid fields: ${problems.join(', ')}`);
  return { ...(e as EventEnvelope), correlationId: e.correlationId ?? null };
}
