import { headers as natsHeaders } from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import type { EntityManager } from '@mikro-orm/core';
import { parseEnvelope, type EventEnvelope } from '../contracts/envelope';
import { processEnvelope, type EventHandlers } from '../consumer/idempotent';
import { DlqHeaders, dlqSubjectFor } from '../transport/nats.transport';
import { DeadLetterEvent } from './dead-letter.entity';

/** One dead letter replayed (printed by `npm run events -- replay`). */
export interface ReplayedLetter {
  consumer: string;
  eventId: string;
  type: string;
  /** Where it was kept: the DLQ stream sequence, or the dead_letter row. */
  from: string;
  outcome: string;
}

/** Subject of the record that a dead letter was replayed (in the DLQ stream, next to the letters). */
export const replayedSubjectFor = (prefix: string, consumer: string) => `${dlqSubjectFor(prefix, consumer)}.replayed`;
export const REPLAYED_SEQ_HEADER = 'Linli-Dlq-Replayed-Seq';

/**
 * Distributed mode: re-publishes a consumer's dead letters (the
 * `<prefix>.dlq.<consumer>` subject of the DLQ stream) to their original
 * subjects, and records each replay as a message on
 * `<prefix>.dlq.<consumer>.replayed` (so running it again skips them). Every
 * consumer sees a replayed event again; their processed-event tables apply it
 * once, and the projections apply it by the producer's sequence, so an old
 * replayed change never undoes a newer one.
 */
export async function replayNatsDeadLetters(opts: {
  jsm: JetStreamManager;
  dlqStream: string;
  subjectPrefix: string;
  consumer: string;
  dryRun?: boolean;
}): Promise<ReplayedLetter[]> {
  const { jsm, dlqStream, subjectPrefix, consumer } = opts;
  const js = jsm.jetstream();
  const info = await jsm.streams.info(dlqStream);
  const letters: { seq: number; subject: string; data: Uint8Array; envelope: EventEnvelope }[] = [];
  const replayed = new Set<string>();
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    let m;
    try {
      m = await jsm.streams.getMessage(dlqStream, { seq });
    } catch (err) {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.NoMessageFound) continue;
      throw err;
    }
    if (!m) continue;
    if (m.subject === replayedSubjectFor(subjectPrefix, consumer)) {
      replayed.add(m.header.get(REPLAYED_SEQ_HEADER));
    } else if (m.subject === dlqSubjectFor(subjectPrefix, consumer)) {
      letters.push({ seq, subject: m.header.get(DlqHeaders.OriginalSubject), data: m.data, envelope: parseEnvelope(m.json()) });
    }
  }
  const out: ReplayedLetter[] = [];
  for (const l of letters) {
    if (replayed.has(String(l.seq))) continue;
    if (!opts.dryRun) {
      // A fresh msgID: the original id may still be in the stream's duplicate window.
      await js.publish(l.subject, l.data, { msgID: `replay:${dlqStream}:${l.seq}` });
      const h = natsHeaders();
      h.set(REPLAYED_SEQ_HEADER, String(l.seq));
      await js.publish(replayedSubjectFor(subjectPrefix, consumer), JSON.stringify({ eventId: l.envelope.id, at: new Date().toISOString() }), {
        headers: h,
        msgID: `replayed:${dlqStream}:${l.seq}`,
      });
    }
    out.push({ consumer, eventId: l.envelope.id, type: l.envelope.type, from: `${dlqStream}#${l.seq}`, outcome: opts.dryRun ? 'would replay' : 'republished' });
  }
  return out;
}

/**
 * Embedded mode (run while the stack is stopped): applies a consumer's stored
 * dead letters (`dead_letter` rows not replayed yet) with its handlers,
 * exactly once like a delivery, and sets `replayed_at`.
 */
export async function replayStoredDeadLetters(opts: {
  em: EntityManager;
  consumer: string;
  handlers: EventHandlers;
  dryRun?: boolean;
}): Promise<ReplayedLetter[]> {
  const rows = await opts.em.fork().find(DeadLetterEvent, { consumer: opts.consumer, replayedAt: null }, { orderBy: { seq: 'asc' } });
  const out: ReplayedLetter[] = [];
  for (const row of rows) {
    const envelope = parseEnvelope(row.envelope);
    let outcome = 'would replay';
    if (!opts.dryRun) {
      outcome = await processEnvelope(opts.em, opts.consumer, envelope, opts.handlers[envelope.type]);
      await opts.em.fork().nativeUpdate(DeadLetterEvent, { seq: row.seq }, { replayedAt: new Date() });
    }
    out.push({ consumer: opts.consumer, eventId: envelope.id, type: envelope.type, from: `dead_letter#${row.seq}`, outcome });
  }
  return out;
}
