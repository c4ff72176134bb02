import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Grid, gridRef } from '../references/grid.type';
import { Organisation, organisationRef } from '../references/organisation.type';
import { Person, personRef } from '../references/person.type';
import { isOverdue } from './ticket.due';
import { phoneIsWhole, reporterVisible, visibleContactPhone, type TicketFacts, type Viewer } from './ticket.access';
import { EscalationLevelEnum, PriorityEnum, RatingViaEnum, TicketActionEnum, TicketCategoryEnum, TicketChannelEnum, TicketStatusEnum } from './ticket.enums';
import type { TicketEntity, TimelineEntryEntity } from './ticket.entity';
import type { EscalationLevel, Priority, RatingVia, TicketCategory, TicketChannel, TicketStatus, TimelineAction } from './ticket.rules';

@ObjectType('TicketRating', { description: 'The reporter\'s rating of a resolved ticket (given once; it closes the ticket).' })
export class TicketRating {
  @Field(() => Int, { description: '1–5; 1 or 2 is a bad rating.' })
  score!: number;

  @Field(() => String, { description: 'Optional words with the rating; null when none.', nullable: true })
  comment!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the rating was given.' })
  ratedAt!: Date;

  @Field(() => RatingViaEnum, { description: 'RESIDENT: the reporter as a resident; FOLLOW_UP: given on a follow-up call.' })
  via!: RatingVia;
}

@ObjectType('TicketLocation', { description: 'Where the problem is (WGS-84).' })
export class TicketLocation {
  @Field(() => Float, { description: 'Latitude, degrees (-90 to 90).' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude, degrees (-180 to 180).' })
  lng!: number;
}

@ObjectType('TicketTimelineEntry', { description: 'One transition of a ticket: when, what, from and to which status, who, and why.' })
export class TimelineEntry {
  @Field(() => DateTimeScalar, { description: 'When the transition happened.' })
  at!: Date;

  @Field(() => TicketActionEnum, { description: 'What happened.' })
  action!: TimelineAction;

  @Field(() => TicketStatusEnum, { nullable: true, description: 'Null for SUBMIT.' })
  fromStatus!: TicketStatus | null;

  @Field(() => TicketStatusEnum, { description: 'The status after the transition.' })
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
@ObjectType('Ticket', { description: 'A resident\'s reported problem or service order and its handling. Seen by its reporter, staff, grid workers, admins and analysts of its scope, and its assignee\'s staff while assigned and afterwards; anyone else is FORBIDDEN.' })
export class Ticket {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'Readable and unique, e.g. TK-20261122-000123 (date in UTC+8, then the sequence of that day).' })
  code!: string;

  @Field({ description: 'Short summary given by the reporter (1–200 characters).' })
  title!: string;

  @Field({ description: 'What the reporter said (1–5000 characters).' })
  description!: string;

  @Field(() => TicketCategoryEnum, { description: 'What kind of matter it is.' })
  category!: TicketCategory;

  @Field(() => TicketChannelEnum, { description: 'How it reached the community.' })
  channel!: TicketChannel;

  @Field(() => PriorityEnum, { description: 'NORMAL or URGENT: sets the due times of each dispatch.' })
  priority!: Priority;

  @Field(() => TicketStatusEnum, { description: 'Where it is in the state machine.' })
  status!: TicketStatus;

  @Field(() => EscalationLevelEnum, { description: 'The level that dispatches it now.' })
  escalationLevel!: EscalationLevel;

  @Field(() => DateTimeScalar, { description: 'When it was submitted.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set by each dispatch (24 h, URGENT 2 h); null while no dispatch is in force.' })
  responseDueAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set by each dispatch (72 h, URGENT 24 h) and by a reopening.' })
  resolutionDueAt!: Date | null;

  @Field({ description: 'A due time has passed and the step it guards (accept, resolve) has not happened.' })
  overdue!: boolean;

  /** Shown by `TicketResolver.contactPhone` (which counts a whole one for the request's PERSONAL_DATA_READ entry), already masked by the personal-data rule. */
  contactPhone!: string | null;

  /** Whether `contactPhone` is the whole number. */
  contactPhoneWhole!: boolean;

  /** Whose contact phone it is (the reporter: the resident, or the one on whose behalf staff submitted); not API. */
  reporterId!: string;

  @Field(() => TicketLocation, { description: 'Where the problem is; null when not given.', nullable: true })
  location!: TicketLocation | null;

  @Field(() => DateTimeScalar, { description: 'The last accept; null before any.', nullable: true })
  acceptedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last resolve.' })
  resolvedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Rated, or closed 7 days after resolving without a rating.' })
  closedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When its reporter cancelled it; null otherwise.', nullable: true })
  cancelledAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'The last change: a transition, a rating, or an overdue due time announced (the order of ticketChanges).' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'How often its reporter reopened it.' })
  reopenCount!: number;

  @Field(() => TicketRating, { description: 'The reporter\'s rating; null until rated (and for auto-closed tickets).', nullable: true })
  rating!: TicketRating | null;

  @Field(() => Person, { nullable: true, description: 'Null where the caller may not see the person (the organisations subgraph scopes people).' })
  reporter!: Person | null;

  @Field(() => Grid, {
    nullable: true,
    description: 'Resolved by the grids subgraph: null (with an error at this path) while that subgraph is unavailable, so the rest of the answer still arrives.',
  })
  grid!: Grid | null;

  @Field(() => Organisation, { description: 'The community of its grid: its scope for access rules.' })
  community!: Organisation;

  @Field(() => Organisation, { nullable: true, description: 'The handling organisation it is dispatched to now.' })
  assignee!: Organisation | null;

  serviceItemId!: string | null;

  /** Not in the API: the community path, for the people shown on the ticket (timeline actors). */
  scopePath!: string;
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
    contactPhoneWhole: row.contactPhone !== null && phoneIsWhole(viewer, factsOf(row, handlerIds)),
    reporterId: row.reporterId,
    location: row.lat !== null && row.lng !== null ? Object.assign(new TicketLocation(), { lat: row.lat, lng: row.lng }) : null,
    acceptedAt: row.acceptedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    cancelledAt: row.cancelledAt,
    updatedAt: row.updatedAt,
    reopenCount: row.reopenCount,
    rating:
      row.ratingScore !== null && row.ratedAt
        ? Object.assign(new TicketRating(), { score: row.ratingScore, comment: row.ratingComment, ratedAt: row.ratedAt, via: row.ratingVia ?? 'RESIDENT' })
        : null,
    // Null where the caller may not see the person, even for `reporter { id }` alone.
    reporter: reporterVisible(viewer, factsOf(row, handlerIds)) ? personRef(row.reporterId) : null,
    grid: gridRef(row.gridId),
    community: organisationRef(row.communityId),
    assignee: organisationRef(row.assigneeId),
    serviceItemId: row.serviceItemId,
    scopePath: row.scopePath,
  });
}

@ObjectType({ description: 'The ticket after a write, as the caller may see it.' })
export class TicketPayload {
  @Field(() => Ticket, { description: 'The ticket after the write.' })
  ticket!: Ticket;
}
