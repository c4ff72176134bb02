import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, PageInfo } from '@linli/subgraph-kit';
import { Organisation, organisationRef, Proposal, proposalRef, Ticket, ticketRef } from '../references/refs.type';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.rules';
import type { NotificationRow } from './notification.service';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'What a notification is about (contract "Notifications").' });

@ObjectType('Notification', { description: "One notification in the caller's inbox or in the inbox of an organisation it acts for." })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindEnum)
  kind!: NotificationKind;

  @Field({ description: 'Short Chinese text for display; never a phone number.' })
  title!: string;

  @Field()
  body!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the caller read it (read state is per person, also for an organisation’s notifications).' })
  readAt!: Date | null;

  @Field(() => Ticket, { nullable: true, description: 'The ticket it is about; null when none or when the caller may not see it.' })
  ticket!: Ticket | null;

  @Field(() => Proposal, { nullable: true })
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

@ObjectType('NotificationEdge')
export class NotificationEdge {
  @Field()
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType('NotificationConnection')
export class NotificationConnection {
  @Field(() => Int, { description: "Unread notifications over all of the caller's inboxes." })
  unreadCount!: number;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('MarkNotificationsReadPayload')
export class MarkNotificationsReadPayload {
  @Field(() => Int)
  unreadCount!: number;
}
