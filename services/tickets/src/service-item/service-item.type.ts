import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../references/organisation.type';
import { TicketCategoryEnum } from '../ticket/ticket.enums';
import type { TicketCategory } from '../ticket/ticket.rules';
import type { ServiceItemEntity } from './service-item.entity';

@ObjectType('ServiceItem', { description: 'An item of a community\'s service menu that residents may order as a ticket. Public to every authenticated caller.' })
export class ServiceItem {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'What is offered.' })
  name!: string;

  @Field(() => TicketCategoryEnum, { description: 'The category of the tickets that order it.' })
  category!: TicketCategory;

  @Field({ description: 'True when residents pay nothing.' })
  free!: boolean;

  @Field(() => Int, { nullable: true, description: 'Null when free.' })
  priceCents!: number | null;

  @Field(() => Organisation, { description: 'The handling organisation that provides it (may lie outside the community).' })
  provider!: Organisation;

  @Field(() => Organisation, { description: 'The community whose menu lists it.' })
  community!: Organisation;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the item left the menu (retireServiceItem), or null.' })
  retiredAt!: Date | null;
}

export const toServiceItem = (row: ServiceItemEntity): ServiceItem =>
  Object.assign(new ServiceItem(), {
    id: row.id,
    name: row.name,
    category: row.category,
    free: row.free,
    priceCents: row.priceCents,
    provider: organisationRef(row.providerId),
    community: organisationRef(row.communityId),
    retiredAt: row.retiredAt ?? null,
  });

@InputType({ description: 'A new menu item. Bad input is BAD_USER_INPUT naming the field; a community outside the caller\'s scope is FORBIDDEN.' })
export class CreateServiceItemInput {
  @Field(() => ID, { description: 'The community whose menu lists it.' })
  communityId!: string;

  @Field({ description: 'What is offered, 1–100 characters.' })
  name!: string;

  @Field(() => TicketCategoryEnum, { description: 'The category of the tickets that order it.' })
  category!: TicketCategory;

  @Field({ description: 'True when residents pay nothing.' })
  free!: boolean;

  @Field(() => ID, { description: 'The organisation that provides it (one that handles work).' })
  providerId!: string;

  @Field(() => Int, { nullable: true, description: 'Required when not free, refused when free.' })
  priceCents?: number | null;
}

/** What updateServiceItem may change: omitted fields stay; the community never changes. */
@InputType({ description: 'What updateServiceItem changes; omitted fields stay, the community never changes.' })
export class UpdateServiceItemInput {
  @Field(() => String, { nullable: true, description: 'The new name (BAD_USER_INPUT when empty or too long).' })
  name?: string | null;

  @Field(() => TicketCategoryEnum, { nullable: true, description: 'The new category.' })
  category?: TicketCategory | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the service is free; a paid item needs priceCents.' })
  free?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Required when the item is (or becomes) not free, refused when free.' })
  priceCents?: number | null;

  @Field(() => ID, { nullable: true, description: 'The organisation that provides it (BAD_USER_INPUT for an unknown one or a kind that does not handle work).' })
  providerId?: string | null;
}

@ObjectType({ description: 'The result of updateServiceItem or retireServiceItem.' })
export class ServiceItemPayload {
  @Field(() => ServiceItem, { description: 'The item as it now is.' })
  serviceItem!: ServiceItem;
}

@ObjectType({ description: 'The result of createServiceItem.' })
export class CreateServiceItemPayload {
  @Field(() => ServiceItem, { description: 'The item as created.' })
  serviceItem!: ServiceItem;
}
