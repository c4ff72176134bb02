import type { MikroORM } from '@mikro-orm/core';
import { connect } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { parseEnvelope, processEnvelope, ProcessedEvent, type EventEnvelope } from '@linli/events';
import type { Logger } from '@linli/platform';
import { OrgNodeSchema } from '@linli/subgraph-kit';
import { evaluationsHandlers } from '../consumers';
import { CompoundEntity } from '../compound/compound.entity';
import { TicketFactEntity } from '../ticket/ticket-fact.entity';
import { RateCounterEntity } from '../rates/rate-counter.entity';
import { FirmMonthEntity, TICKET_COUNTER_PROPS } from '../assessment/firm-month.entity';

export interface RebuildOptions {
  orm: MikroORM;
  servers: string;
  streamName: string;
  logger: Logger;
  /** The durable consumer whose processed-event rows the replay rewrites (the service name). */
  consumer?: string;
  /** Replay even when the stream no longer starts at sequence 1 (events aged out): the numbers will be partial. */
  allowPartial?: boolean;
}

export interface RebuildResult {
  firstSeq: number;
  lastSeq: number;
  /** Messages read from the stream. */
  read: number;
  /** Events applied to the read models (others: no handler, or a duplicate copy in the stream). */
  applied: number;
}

/**
 * Empties the read models built from other services' events (organisation
 * tree, compounds, ticket facts, the ticket counters of the assessments and
 * the service-rate counters) and replays the whole stream into them with an
 * ordered consumer from its first sequence, through the same handlers and the
 * same idempotent consumer as the live service, so it arrives at the same
 * numbers. What this subgraph records itself (inspections, rectifications,
 * finalised months, firm state) is kept, and nothing is issued again: the
 * replay builds without consequences.
 *
 * Stop the service's consumers first (every replica): a live consumer
 * writing while the tables are emptied would be overwritten. Replayed events
 * get their processed-event rows again, so whatever the durable consumer
 * still delivers afterwards is recognised as done. Rerunnable: a failed
 * rebuild is repaired by running it again.
 */
export async function rebuildReadModels(opts: RebuildOptions): Promise<RebuildResult> {
  const consumer = opts.consumer ?? 'evaluations';
  const logger = opts.logger.child({ component: 'rebuild' });
  const nc = await connect({ servers: opts.servers, name: `${consumer}-rebuild` });
  try {
    const jsm = await jetstreamManager(nc);
    const { state } = await jsm.streams.info(opts.streamName);
    if (state.messages > 0 && state.first_seq > 1 && !opts.allowPartial) {
      throw new Error(
        `Stream ${opts.streamName} starts at sequence ${state.first_seq}: earlier events have aged out, so a rebuild would lose them. ` +
          'Restore the history (or raise the stream max age), or pass --allow-partial to rebuild from what is left.',
      );
    }

    await opts.orm.em.fork().transactional(async (em) => {
      await em.nativeDelete(TicketFactEntity, {});
      await em.nativeDelete(RateCounterEntity, {});
      await em.nativeDelete(CompoundEntity, {});
      await em.nativeDelete(OrgNodeSchema, {});
      await em.nativeUpdate(FirmMonthEntity, {}, Object.fromEntries(TICKET_COUNTER_PROPS.map((p) => [p, 0])));
      await em.nativeDelete(ProcessedEvent, { consumer });
    });
    logger.info({ stream: opts.streamName, firstSeq: state.first_seq, lastSeq: state.last_seq }, 'read models emptied; replaying');

    const result: RebuildResult = { firstSeq: state.first_seq, lastSeq: state.last_seq, read: 0, applied: 0 };
    if (state.messages === 0) return result;

    const handlers = evaluationsHandlers({ react: false });
    // An ordered consumer: ephemeral, no acks, in stream order from the first sequence, recreated by the client on gaps.
    const ordered = await jetstream(nc).consumers.get(opts.streamName, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: state.first_seq });
    const messages = await ordered.consume({ max_messages: 256 });
    for await (const m of messages) {
      result.read += 1;
      let envelope: EventEnvelope | null = null;
      try {
        envelope = parseEnvelope(m.json());
      } catch (err) {
        // The live consumer dead-letters these; they never had an effect.
        logger.warn({ seq: m.seq, err: (err as Error).message }, 'skipping a message that is not an envelope');
      }
      if (envelope && (await processEnvelope(opts.orm.em, consumer, envelope, handlers[envelope.type])) === 'applied') result.applied += 1;
      // Stop at the end of the history as it was when the rebuild began (`pending` guards a deleted last message).
      if (m.seq >= state.last_seq || m.info.pending === 0) break;
    }
    await messages.close();
    logger.info(result, 'rebuild finished');
    return result;
  } finally {
    await nc.close();
  }
}
