import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, PageInfo } from '@linli/subgraph-kit';
import { Organisation, organisationRef, Proposal, proposalRef, Ticket, ticketRef } from '../references/refs.type';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.rules';
import type { NotificationRow } from './notification.service';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'What a notification is about (contract "Notifications").',
  valuesConfig: {
    TICKET_DISPATCHED: { description: 'A ticket was dispatched; for the assignee.' },
    TICKET_ACCEPTED: { description: 'The assignee accepted a ticket; for the reporter.' },
    TICKET_RESOLVED: { description: 'A ticket was resolved; for the reporter.' },
    TICKET_CLOSED: { description: 'A ticket was closed; for the reporter.' },
    TICKET_RETURNED: { description: 'The assignee returned a ticket; for the community.' },
    TICKET_ESCALATED: { description: 'A ticket was escalated; for the community and the street or district it reached.' },
    TICKET_OVERDUE: { description: 'A ticket passed its deadline; for the community and the assignee.' },
    BAD_RATING: { description: 'A resident rated a ticket badly; for the assignee.' },
    COMMENT_ADDED: { description: 'A comment on a ticket; for the reporter (public comments), the community and the assignee.' },
    RECTIFICATION_ISSUED: { description: 'A rectification order was issued; for the firm and the communities of its compounds.' },
    RECTIFICATION_OVERDUE: { description: 'A rectification order passed its deadline; for the firm and the communities of its compounds.' },
    ASSESSMENT_FINALISED: { description: 'A firm’s assessment was finalised; for the firm.' },
    VOTING_OPENED: { description: 'Voting on a proposal opened; for the owners in the electorate.' },
    PROPOSAL_DECIDED: { description: 'A proposal was decided; for the owners in the electorate.' },
  },
});

@ObjectType('Notification', { description: "One notification in the caller's inbox or in the inbox of an organisation it acts for." })
export class Notification {
  @Field(() => ID, { description: 'The notification’s id.' })
  id!: string;

  @Field(() => NotificationKindEnum, { description: 'What it is about.' })
  kind!: NotificationKind;

  @Field({ description: 'Short Chinese text for display; never a phone number.' })
  title!: string;

  @Field({ description: 'Short Chinese text for display; never a phone number.' })
  body!: string;

  @Field(() => DateTimeScalar, { description: 'When it was made (within 2 seconds of its event).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the caller read it (read state is per person, also for an organisation’s notifications).' })
  readAt!: Date | null;

  @Field(() => Ticket, { nullable: true, description: 'The ticket it is about; null when none or when the caller may not see it.' })
  ticket!: Ticket | null;

  @Field(() => Proposal, { nullable: true, description: 'The proposal it is about (VOTING_OPENED, PROPOSAL_DECIDED); null otherwise.' })
  proposal!: Proposal | null;

  @Field(() => Organisation, { nullable: true, description: 'The organisation it is about (the recipient organisation, or the assignee a reporter hears about).' })
  organisation!: Organisation | null;
}

export function toNotification({ row, readAt }: NotificationRow): Notification {
  return Object.assign(new Notification(), {
    id: row.id,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt,
    readAt,
    ticket: ticketRef(row.ticketId),
    proposal: proposalRef(row.proposalId),
    organisation: organisationRef(row.organisationId),
  });
}

@ObjectType('NotificationEdge', { description: 'One notification of a page.' })
export class NotificationEdge {
  @Field({ description: 'Pass as `after` to read the notifications after this one.' })
  cursor!: string;

  @Field(() => Notification, { description: 'The notification.' })
  node!: Notification;
}

@ObjectType('NotificationConnection', { description: 'A page of the caller’s notifications, newest first.' })
export class NotificationConnection {
  @Field(() => Int, { description: "Unread notifications over all of the caller's inboxes." })
  unreadCount!: number;

  @Field(() => Int, { description: 'Notifications matching the filter over all of the caller’s inboxes.' })
  totalCount!: number;

  @Field(() => [NotificationEdge], { description: 'The notifications of this page.' })
  edges!: NotificationEdge[];

  @Field(() => PageInfo, { description: 'Whether there are more, and the cursor to continue from.' })
  pageInfo!: PageInfo;
}

@ObjectType('MarkNotificationsReadPayload', { description: 'The result of markNotificationsRead.' })
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'Unread notifications left over all of the caller’s inboxes.' })
  unreadCount!: number;
}
