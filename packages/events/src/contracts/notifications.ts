import { defineEvent } from './envelope';

// Contracts produced by the notifications service. The gateway's live feed
// reads them to push `notificationAdded` to the recipient's open streams.

export interface NotificationCreatedV1 {
  notificationId: string;
  /** NotificationKind of the contract (`TICKET_DISPATCHED`, …). */
  kind: string;
  /** A person, or an organisation (seen by everyone acting for it). */
  recipientKind: 'PERSON' | 'ORGANISATION';
  recipientId: string;
  ticketId: string | null;
  proposalId: string | null;
  createdAt: string;
}

export const NotificationCreated = defineEvent<NotificationCreatedV1>()(
  'notifications.notification.created',
  1,
  "A notification was written to a person's or an organisation's inbox (no title or body: those stay in the service).",
);
