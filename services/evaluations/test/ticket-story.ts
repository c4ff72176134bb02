import { createEnvelope, findEventDefinition, type EventEnvelope, type TicketEventV1, type TicketSnapshotV1, type TicketStatus } from '@linli/events';
import type { TicketEventKind } from '../src/ticket/ticket-facts.rules';

const HOUR = 3600 * 1000;
const iso = (d: Date | string) => new Date(d).toISOString();
const plus = (at: string, hours: number) => new Date(new Date(at).getTime() + hours * HOUR).toISOString();

export interface StoryEvent {
  type: string;
  kind: TicketEventKind;
  payload: TicketEventV1;
}

/**
 * A ticket's life as the tickets subgraph announces it (contracts/tickets.ts):
 * each step appends the transition event with the full snapshot after it,
 * due times set as the contract says (dispatch + 24 h / 72 h; reopen + 72 h).
 */
export class TicketStory {
  readonly events: StoryEvent[] = [];
  private s: TicketSnapshotV1;

  constructor(ticketId: string, communityId: string, submittedAt: string, opts: { communityAncestorIds?: string[] } = {}) {
    this.s = {
      ticketId,
      code: `TK-${ticketId.slice(0, 8)}`,
      version: 0,
      status: 'SUBMITTED',
      category: 'PROPERTY_MANAGEMENT',
      priority: 'NORMAL',
      channel: 'APP',
      escalationLevel: 'COMPOUND',
      gridId: 'grid-1',
      compoundId: null,
      communityId,
      communityAncestorIds: opts.communityAncestorIds ?? [],
      reporterId: 'resident-1',
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

  private step(verb: string, action: TicketEventV1['transition']['action'], at: string, change: Partial<TicketSnapshotV1>, kind: TicketEventKind = 'OTHER'): this {
    const fromStatus: TicketStatus | null = this.s.version === 0 ? null : this.s.status;
    this.s = { ...this.s, ...change, version: this.s.version + 1 };
    this.events.push({
      type: `tickets.ticket.${verb}`,
      kind,
      payload: { ticket: { ...this.s }, transition: { action, at: iso(at), fromStatus, toStatus: this.s.status, actorId: 'someone' } },
    });
    return this;
  }

  dispatch(assigneeId: string, at: string): this {
    return this.step(
      'dispatched',
      'DISPATCH',
      at,
      { status: 'DISPATCHED', assigneeId, lastDispatchedAt: iso(at), responseDueAt: plus(at, 24), resolutionDueAt: plus(at, 72), acceptedAt: null },
      'DISPATCHED',
    );
  }

  accept(at: string): this {
    return this.step('accepted', 'ACCEPT', at, { status: 'ACCEPTED', acceptedAt: iso(at) }, 'ACCEPTED');
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

/** The story's events as the tickets subgraph publishes them. */
export function storyEnvelopes(story: TicketStory): EventEnvelope[] {
  return story.events.map((e) => createEnvelope(findEventDefinition(e.type, 1)!, e.payload, { source: 'tickets', occurredAt: e.payload.transition.at }));
}
