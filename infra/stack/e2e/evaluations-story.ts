import { createEnvelope, findEventDefinition, ProcessedEvent, subjectFor, type EventEnvelope, type TicketEventV1, type TicketSnapshotV1, type TicketStatus } from '@linli/events';
import { waitFor } from '@linli/testing';
import type { TestStack } from './harness';

const HOUR = 3600 * 1000;
const iso = (d: string) => new Date(d).toISOString();
const plus = (at: string, hours: number) => new Date(new Date(at).getTime() + hours * HOUR).toISOString();

/**
 * A ticket's life as the tickets subgraph announces it (events contract
 * `tickets.ticket.*` v1: the full snapshot after each transition, due times as
 * the contract sets them), so the evaluations read models can be driven to
 * exact instants. Times are written in China Standard Time (+08:00).
 */
export class TicketStory {
  readonly envelopes: EventEnvelope<string, TicketEventV1>[] = [];
  private s: TicketSnapshotV1;

  constructor(ticketId: string, communityId: string, submittedAt: string, opts: { code?: string; communityAncestorIds?: string[] } = {}) {
    this.s = {
      ticketId,
      code: opts.code ?? `TK-EV-${ticketId.slice(0, 8)}`,
      version: 0,
      status: 'SUBMITTED',
      category: 'PROPERTY_MANAGEMENT',
      priority: 'NORMAL',
      channel: 'APP',
      escalationLevel: 'COMPOUND',
      gridId: '00000000-0000-4000-8000-000000000000',
      compoundId: null,
      communityId,
      communityAncestorIds: opts.communityAncestorIds ?? [],
      reporterId: 'resident',
      assigneeId: null,
      submittedAt: iso(submittedAt),
      responseDueAt: null,
      resolutionDueAt: null,
      lastDispatchedAt: null,
      acceptedAt: null,
      resolvedAt: null,
      resolvedById: null,
      closedAt: null,
      cancelledAt: null,
      reopenCount: 0,
      rating: null,
    };
    this.step('submitted', 'SUBMIT', submittedAt, {});
  }

  get id() {
    return this.s.ticketId;
  }

  private step(verb: string, action: TicketEventV1['transition']['action'], at: string, change: Partial<TicketSnapshotV1>): this {
    const fromStatus: TicketStatus | null = this.s.version === 0 ? null : this.s.status;
    this.s = { ...this.s, ...change, version: this.s.version + 1 };
    const def = findEventDefinition(`tickets.ticket.${verb}`, 1)!;
    const payload: TicketEventV1 = { ticket: { ...this.s }, transition: { action, at: iso(at), fromStatus, toStatus: this.s.status, actorId: null } };
    this.envelopes.push(createEnvelope(def, payload, { source: 'tickets', occurredAt: at }) as EventEnvelope<string, TicketEventV1>);
    return this;
  }

  dispatch(assigneeId: string, at: string): this {
    return this.step('dispatched', 'DISPATCH', at, {
      status: 'DISPATCHED',
      assigneeId,
      lastDispatchedAt: iso(at),
      responseDueAt: plus(at, 24),
      resolutionDueAt: plus(at, 72),
      acceptedAt: null,
    });
  }

  accept(at: string): this {
    return this.step('accepted', 'ACCEPT', at, { status: 'ACCEPTED', acceptedAt: iso(at) });
  }

  giveBack(at: string): this {
    return this.step('returned', 'RETURN', at, { status: 'SUBMITTED', assigneeId: null });
  }

  resolve(at: string): this {
    return this.step('resolved', 'RESOLVE', at, { status: 'RESOLVED', resolvedAt: iso(at), resolvedById: this.s.assigneeId });
  }

  reopen(at: string): this {
    return this.step('reopened', 'REOPEN', at, { status: 'ACCEPTED', reopenCount: this.s.reopenCount + 1, resolutionDueAt: plus(at, 72) });
  }

  rate(score: number, at: string): this {
    return this.step('rated', 'RATE', at, { status: 'CLOSED', closedAt: iso(at), rating: { score, ratedAt: iso(at) } });
  }

  cancel(at: string): this {
    return this.step('cancelled', 'CANCEL', at, { status: 'CANCELLED', cancelledAt: iso(at) });
  }
}

/** Publishes envelopes on the stack's bus as the tickets subgraph's relay would. */
export async function publishEnvelopes(stack: TestStack, envelopes: readonly EventEnvelope[]): Promise<void> {
  for (const e of envelopes) await stack.transport.publish(subjectFor(stack.subjectPrefix, e), e);
}

/** Resolves once the evaluations consumer has applied every one of these events. */
export async function evaluationsProcessed(stack: TestStack, ids: readonly string[], timeoutMs = 60_000): Promise<void> {
  const em = () => stack.subgraphs.evaluations.orm.em.fork();
  await waitFor(async () => expect(await em().count(ProcessedEvent, { consumer: 'evaluations', eventId: { $in: [...ids] } })).toBe(ids.length), { timeoutMs, intervalMs: 50 });
}

/** Publishes the stories and waits until evaluations has applied all of them. */
export async function playStories(stack: TestStack, stories: readonly TicketStory[]): Promise<void> {
  const envelopes = stories.flatMap((s) => s.envelopes);
  await publishEnvelopes(stack, envelopes);
  await evaluationsProcessed(stack, envelopes.map((e) => e.id));
}
