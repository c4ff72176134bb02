import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Grid, gridRef } from '../references/grid.type';
import { Organisation, organisationRef } from '../references/organisation.type';
import { Person, personRef } from '../references/person.type';
import { isOverdue } from './ticket.due';
import { visibleContactPhone, type TicketFacts, type Viewer } from './ticket.access';
import { EscalationLevelEnum, PriorityEnum, TicketActionEnum, TicketCategoryEnum, TicketChannelEnum, TicketStatusEnum } from './ticket.enums';
import type { TicketEntity, TimelineEntryEntity } from './ticket.entity';
import type { EscalationLevel, Priority, TicketAction, TicketCategory, TicketChannel, TicketStatus } from './ticket.rules';

@ObjectType('TicketRating')
export class TicketRating {
  @Field(() => Int, { description: '1–5; 1 or 2 is a bad rating.' })
  score!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => DateTimeScalar)
  ratedAt!: Date;
}

@ObjectType('TicketLocation')
export class TicketLocation {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;
}

@ObjectType('TicketTimelineEntry')
export class TimelineEntry {
  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => TicketActionEnum)
  action!: TicketAction;

  @Field(() => TicketStatusEnum, { nullable: true, description: 'Null for SUBMIT.' })
  fromStatus!: TicketStatus | null;

  @Field(() => TicketStatusEnum)
  toStatus!: TicketStatus;

  @Field(() => String, { nullable: true, description: 'The reason, feedback or comment of the transition.' })
  note!: string | null;

  @Field(() => Person, { nullable: true, description: 'Who acted; null for the scheduler (AUTO_CLOSE) or where the caller may not see the person.' })
  actor!: Person | null;
}

export const toTimelineEntry = (row: TimelineEntryEntity): TimelineEntry =>
  Object.assign(new TimelineEntry(), {
    at: row.at,
    action: row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    note: row.note,
    actor: personRef(row.actorId),
  });

/** A ticket as one caller may see it (contact phone masked per the contract, `overdue` at the request's clock). */
@Directive('@key(fields: "id")')
@ObjectType('Ticket')
export class Ticket {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Readable and unique, e.g. TK-20261122-000123 (date in UTC+8, then the sequence of that day).' })
  code!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => TicketCategoryEnum)
  category!: TicketCategory;

  @Field(() => TicketChannelEnum)
  channel!: TicketChannel;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => TicketStatusEnum)
  status!: TicketStatus;

  @Field(() => EscalationLevelEnum)
  escalationLevel!: EscalationLevel;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set by each dispatch (24 h, URGENT 2 h); null while no dispatch is in force.' })
  responseDueAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set by each dispatch (72 h, URGENT 24 h) and by a reopening.' })
  resolutionDueAt!: Date | null;

  @Field({ description: 'A due time has passed and the step it guards (accept, resolve) has not happened.' })
  overdue!: boolean;

  @Field(() => String, { nullable: true, description: 'Whole for the reporter, the scope\'s staff and grid workers, and the assignee\'s staff while DISPATCHED or ACCEPTED; else 138****5678.' })
  contactPhone!: string | null;

  @Field(() => TicketLocation, { nullable: true })
  location!: TicketLocation | null;

  @Field(() => DateTimeScalar, { nullable: true })
  acceptedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last resolve.' })
  resolvedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Rated, or closed 7 days after resolving without a rating.' })
  closedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'The last change: a transition, a rating, or an overdue due time announced (the order of ticketChanges).' })
  updatedAt!: Date;

  @Field(() => Int)
  reopenCount!: number;

  @Field(() => TicketRating, { nullable: true })
  rating!: TicketRating | null;

  @Field(() => Person, { nullable: true, description: 'Null where the caller may not see the person (the organisations subgraph scopes people).' })
  reporter!: Person | null;

  @Field(() => Grid)
  grid!: Grid;

  @Field(() => Organisation)
  community!: Organisation;

  @Field(() => Organisation, { nullable: true, description: 'The handling organisation it is dispatched to now.' })
  assignee!: Organisation | null;

  serviceItemId!: string | null;
}

/** The facts the access rules read, from a row and the organisations that handled it. */
export const factsOf = (row: TicketEntity, handlerIds: readonly string[] = []): TicketFacts => ({
  reporterId: row.reporterId,
  scopePath: row.scopePath,
  escalationLevel: row.escalationLevel,
  status: row.status,
  assigneeId: row.assigneeId,
  handlerIds,
});

/** Maps a row field by field for one viewer: a new column never becomes API by accident. */
export function toTicket(row: TicketEntity, viewer: Viewer, now: Date, handlerIds: readonly string[] = []): Ticket {
  return Object.assign(new Ticket(), {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    category: row.category,
    channel: row.channel,
    priority: row.priority,
    status: row.status,
    escalationLevel: row.escalationLevel,
    createdAt: row.createdAt,
    responseDueAt: row.responseDueAt,
    resolutionDueAt: row.resolutionDueAt,
    overdue: isOverdue(row, now),
    contactPhone: visibleContactPhone(viewer, factsOf(row, handlerIds), row.contactPhone),
    location: row.lat !== null && row.lng !== null ? Object.assign(new TicketLocation(), { lat: row.lat, lng: row.lng }) : null,
    acceptedAt: row.acceptedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    cancelledAt: row.cancelledAt,
    updatedAt: row.updatedAt,
    reopenCount: row.reopenCount,
    rating:
      row.ratingScore !== null && row.ratedAt
        ? Object.assign(new TicketRating(), { score: row.ratingScore, comment: row.ratingComment, ratedAt: row.ratedAt })
        : null,
    reporter: personRef(row.reporterId),
    grid: gridRef(row.gridId),
    community: organisationRef(row.communityId),
    assignee: organisationRef(row.assigneeId),
    serviceItemId: row.serviceItemId,
  });
}

@ObjectType()
export class TicketPayload {
  @Field(() => Ticket)
  ticket!: Ticket;
}
