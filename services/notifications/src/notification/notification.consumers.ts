import type { EntityManager } from '@mikro-orm/core';
import {
  AssessmentFinalised,
  on,
  RectificationIssued,
  RectificationOverdue,
  TicketAccepted,
  TicketClosed,
  TicketDispatched,
  TicketEscalated,
  TicketOverdue,
  TicketCommented,
  TicketRated,
  TicketResolved,
  TicketReturned,
  type BatchHandler,
  type EventEnvelope,
  type EventHandler,
  type TicketEventV1,
} from '@linli/events';
import { OrgNodeSchema, orgAncestors } from '@linli/subgraph-kit';
import { communitiesOfFirm } from '../firm/firm-compound.consumers';
import { writeNotifications, writeNotificationsOf } from './notification.service';
import {
  assessmentDrafts,
  overdueDrafts,
  proposalDrafts,
  rectificationDrafts,
  ticketDrafts,
  commentDrafts,
  type ProposalEventPayload,
} from './notification.rules';

/**
 * The street or district an escalated ticket reached: the community's
 * ancestor of that kind (from the organisation projection), or by position
 * (district root first, street last) while the projection lags.
 */
async function escalationTarget(em: EntityManager, e: TicketEventV1): Promise<string | null> {
  const level = e.ticket.escalationLevel;
  if (level !== 'STREET' && level !== 'DISTRICT') return null;
  const ancestors = e.ticket.communityAncestorIds;
  const community = await em.findOne(OrgNodeSchema, { id: e.ticket.communityId });
  const ids = community ? orgAncestors(community.path) : ancestors;
  const nodes = ids.length ? await em.find(OrgNodeSchema, { id: { $in: ids } }) : [];
  const byKind = nodes.find((n) => n.kind === level);
  if (byKind) return byKind.id;
  return (level === 'STREET' ? ancestors[ancestors.length - 1] : ancestors[0]) ?? null;
}

const ticketDraftsOf = async (em: EntityManager, e: EventEnvelope<string, TicketEventV1>) =>
  ticketDrafts(e.type, e.payload, e.type === TicketEscalated.type ? await escalationTarget(em, e.payload) : null);

const ticketHandler = async (em: EntityManager, e: EventEnvelope<string, TicketEventV1>) => {
  await writeNotifications(em, e, await ticketDraftsOf(em, e), new Date());
};

const TICKET_EVENTS = [TicketDispatched, TicketAccepted, TicketResolved, TicketClosed, TicketRated, TicketReturned, TicketEscalated];

/** The ticket handlers for a run of ticket events in one transaction (the seed, replays): the same drafts, written at once (`writeNotificationsOf`). */
export const ticketNotificationBatch: BatchHandler = {
  definitions: TICKET_EVENTS,
  apply: async (em, events) => {
    const items = [];
    for (const e of events as readonly EventEnvelope<string, TicketEventV1>[]) items.push({ source: e, drafts: await ticketDraftsOf(em, e) });
    await writeNotificationsOf(em, items, new Date());
  },
};

/** Proposal events of the owners service, handled by type name until their contracts are in the catalogue. */
const proposalHandler =
  (kind: 'VOTING_OPENED' | 'PROPOSAL_DECIDED'): EventHandler =>
  async (em, e) => {
    if (e.version !== 1) return;
    await writeNotifications(em, e, proposalDrafts(kind, e.payload as ProposalEventPayload), new Date());
  };

/** Every event that tells someone something (contract "Notifications": kinds and recipients). */
export const notificationConsumers: Record<string, EventHandler> = {
  ...Object.fromEntries(
    TICKET_EVENTS.flatMap((def) => Object.entries(on(def, ticketHandler))),
  ),
  ...on(TicketCommented, async (em, e) => {
    await writeNotifications(em, e, commentDrafts(e.payload), new Date());
  }),
  ...on(TicketOverdue, async (em, e) => {
    await writeNotifications(em, e, overdueDrafts(e.payload), new Date());
  }),
  ...on(RectificationIssued, async (em, e) => {
    await writeNotifications(em, e, rectificationDrafts('RECTIFICATION_ISSUED', e.payload, await communitiesOfFirm(em, e.payload.firmId)), new Date());
  }),
  ...on(RectificationOverdue, async (em, e) => {
    await writeNotifications(em, e, rectificationDrafts('RECTIFICATION_OVERDUE', e.payload, await communitiesOfFirm(em, e.payload.firmId)), new Date());
  }),
  ...on(AssessmentFinalised, async (em, e) => {
    await writeNotifications(em, e, assessmentDrafts(e.payload), new Date());
  }),
  'owners.proposal.votingOpened': proposalHandler('VOTING_OPENED'),
  'owners.proposal.decided': proposalHandler('PROPOSAL_DECIDED'),
};
