import { EventCatalogue } from './catalogue';
import { subjectFor, type EventEnvelope } from './envelope';

/** The producing service of each event type, as the catalogue names it. */
const PRODUCERS: ReadonlyMap<string, string> = new Map(EventCatalogue.map((d) => [d.type, d.producer]));

/**
 * The service the catalogue names as the producer of an event type. A type
 * this build does not know yet (a newer producer during a rolling deploy)
 * falls back to the same rule the catalogue's definitions follow: the
 * type's first segment; no handler exists for it anyway.
 */
export function producerOf(type: string): string {
  return PRODUCERS.get(type) ?? type.slice(0, Math.max(0, type.indexOf('.')));
}

/**
 * Why an envelope must not be applied, or null when its origin holds
 * together (issue #10, hole 4): it arrived on the subject of its own type
 * and version, and its `source` is the producer the catalogue names for
 * that type. NATS permissions let each
 * service publish only under `<prefix>.events.<service>.>`, so with these
 * checks a service can state only facts of its own. Anything else is
 * dead-lettered with this reason, acknowledged and never handled.
 */
export function originProblem(subjectPrefix: string, subject: string, envelope: Pick<EventEnvelope, 'type' | 'version' | 'source'>): string | null {
  const producer = producerOf(envelope.type);
  const expected = subjectFor(subjectPrefix, envelope);
  if (subject !== expected) return `subject ${subject} does not match type ${envelope.type} v${envelope.version} (expected ${expected})`;
  if (envelope.source !== producer) return `source ${envelope.source} is not the producer of ${envelope.type} (${producer})`;
  return null;
}
