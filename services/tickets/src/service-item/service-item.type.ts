import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { Organisation, organisationRef } from '../references/organisation.type';
import { TicketCategoryEnum } from '../ticket/ticket.enums';
import type { TicketCategory } from '../ticket/ticket.rules';
import type { ServiceItemEntity } from './service-item.entity';

@ObjectType('ServiceItem')
export class ServiceItem {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => TicketCategoryEnum)
  category!: TicketCategory;

  @Field()
  free!: boolean;

  @Field(() => Int, { nullable: true, description: 'Null when free.' })
  priceCents!: number | null;

  @Field(() => Organisation, { description: 'The handling organisation that provides it (may lie outside the community).' })
  provider!: Organisation;

  @Field(() => Organisation)
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

@InputType()
export class CreateServiceItemInput {
  @Field(() => ID)
  communityId!: string;

  @Field()
  name!: string;

  @Field(() => TicketCategoryEnum)
  category!: TicketCategory;

  @Field()
  free!: boolean;

  @Field(() => ID)
  providerId!: string;

  @Field(() => Int, { nullable: true, description: 'Required when not free, refused when free.' })
  priceCents?: number | null;
}

/** What updateServiceItem may change: omitted fields stay; the community never changes. */
@InputType()
export class UpdateServiceItemInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => TicketCategoryEnum, { nullable: true })
  category?: TicketCategory | null;

  @Field(() => Boolean, { nullable: true })
  free?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Required when the item is (or becomes) not free, refused when free.' })
  priceCents?: number | null;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;
}

@ObjectType()
export class ServiceItemPayload {
  @Field(() => ServiceItem)
  serviceItem!: ServiceItem;
}

@ObjectType()
export class CreateServiceItemPayload {
  @Field(() => ServiceItem)
  serviceItem!: ServiceItem;
}
