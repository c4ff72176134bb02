import { Field, Float, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { EscalationLevelEnum, PriorityEnum, TicketCategoryEnum, TicketChannelEnum, TicketStatusEnum } from './ticket.enums';
import type { EscalationLevel, Priority, TicketCategory, TicketChannel, TicketStatus } from './ticket.rules';

@InputType({ description: 'A point (WGS-84); out of range is BAD_USER_INPUT.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  lng!: number;
}

@InputType({ description: 'A new ticket. Bad input is BAD_USER_INPUT naming the field, and nothing is written.' })
export class SubmitTicketInput {
  @Field({ description: 'Short summary, 1–200 characters.' })
  title!: string;

  @Field({ description: 'What happened, 1–5000 characters.' })
  description!: string;

  @Field(() => TicketCategoryEnum, { description: 'What kind of matter it is.' })
  category!: TicketCategory;

  @Field(() => TicketChannelEnum, { description: 'How it reached the community.' })
  channel!: TicketChannel;

  @Field(() => ID, { description: 'The grid where it happened; its community becomes the ticket\'s scope (NOT_FOUND when there is no such grid).' })
  gridId!: string;

  @Field(() => PriorityEnum, { description: 'Default NORMAL; URGENT shortens the due times.', nullable: true, defaultValue: 'NORMAL' })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true, description: 'An item of the menu of the grid\'s community.' })
  serviceItemId?: string | null;

  @Field(() => GeoPointInput, { description: 'Where the problem is.', nullable: true })
  location?: GeoPointInput | null;

  @Field(() => String, { description: 'A mainland mobile or landline number to call back; masked to others per the contract.', nullable: true })
  contactPhone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Staff submitting for a resident (door knocking, hotline): the resident becomes the reporter.' })
  onBehalfOfPersonId?: string | null;
}

/** Every field narrows the list; the caller's scope always applies on top. */
@InputType({ description: 'Narrows a ticket list; every condition must hold. The caller\'s scope always applies.' })
export class TicketFilter {
  @Field(() => ID, { nullable: true, description: 'An organisation: tickets of the communities in its subtree. FORBIDDEN outside the caller\'s scope.' })
  scopeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'FORBIDDEN when the grid\'s community is outside the caller\'s scope.' })
  gridId?: string | null;

  @Field(() => ID, { description: 'Only tickets dispatched to this organisation now.', nullable: true })
  assigneeId?: string | null;

  @Field(() => [TicketStatusEnum], {
    nullable: true,
    description: 'One status or a list (any of them). A single value is accepted where a list is expected (GraphQL input coercion), so first-release operations passing one status keep working.',
  })
  status?: TicketStatus[] | null;

  @Field(() => TicketCategoryEnum, { description: 'Only tickets of this category.', nullable: true })
  category?: TicketCategory | null;

  @Field(() => EscalationLevelEnum, { description: 'Only tickets at this escalation level.', nullable: true })
  escalationLevel?: EscalationLevel | null;

  @Field(() => Boolean, { description: 'true: only overdue tickets; false: only those not overdue.', nullable: true })
  overdue?: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive.' })
  createdFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive.' })
  createdTo?: Date | null;
}
