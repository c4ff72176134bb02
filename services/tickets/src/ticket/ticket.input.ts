import { Field, Float, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { EscalationLevelEnum, PriorityEnum, TicketCategoryEnum, TicketChannelEnum, TicketStatusEnum } from './ticket.enums';
import type { EscalationLevel, Priority, TicketCategory, TicketChannel, TicketStatus } from './ticket.rules';

@InputType()
export class GeoPointInput {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;
}

@InputType()
export class SubmitTicketInput {
  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => TicketCategoryEnum)
  category!: TicketCategory;

  @Field(() => TicketChannelEnum)
  channel!: TicketChannel;

  @Field(() => ID)
  gridId!: string;

  @Field(() => PriorityEnum, { nullable: true, defaultValue: 'NORMAL' })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true, description: 'An item of the menu of the grid\'s community.' })
  serviceItemId?: string | null;

  @Field(() => GeoPointInput, { nullable: true })
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true })
  contactPhone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Staff submitting for a resident (door knocking, hotline): the resident becomes the reporter.' })
  onBehalfOfPersonId?: string | null;
}

/** Every field narrows the list; the caller's scope always applies on top. */
@InputType()
export class TicketFilter {
  @Field(() => ID, { nullable: true, description: 'An organisation: tickets of the communities in its subtree. FORBIDDEN outside the caller\'s scope.' })
  scopeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'FORBIDDEN when the grid\'s community is outside the caller\'s scope.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => [TicketStatusEnum], {
    nullable: true,
    description: 'One status or a list (any of them). A single value is accepted where a list is expected (GraphQL input coercion), so first-release operations passing one status keep working.',
  })
  status?: TicketStatus[] | null;

  @Field(() => TicketCategoryEnum, { nullable: true })
  category?: TicketCategory | null;

  @Field(() => EscalationLevelEnum, { nullable: true })
  escalationLevel?: EscalationLevel | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive.' })
  createdFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive.' })
  createdTo?: Date | null;
}
