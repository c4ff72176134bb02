import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { TicketCategory } from '../ticket/ticket.rules';

/** An item of a community's service menu (菜单式服务). */
@Entity({ tableName: 'service_item' })
@Index({ name: 'service_item_menu_idx', properties: ['communityId', 'category', 'name'] })
export class ServiceItemEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 40 })
  category!: TicketCategory;

  @Property({ type: 'boolean' })
  free!: boolean;

  /** Null exactly when free. */
  @Property({ type: 'integer', nullable: true })
  priceCents!: number | null;

  @Property({ type: 'string', length: 36 })
  providerId!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Set by retireServiceItem: off the menu and not chosen for new tickets, still readable from old ones. */
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;
}
