import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { HouseholdEntity } from './household.entity';

/**
 * A registered household (the register's entity). This subgraph knows its
 * address from the register's events and resolves it too (`@shareable`: the
 * same `3栋2单元502室` either way); an address carries no personal data.
 */
@Directive('@key(fields: "id")')
@ObjectType('Household', { description: 'A registered household; owners resolves its address from the register’s events.' })
export class Household {
  @Field(() => ID, { description: 'The household’s id.' })
  id!: string;

  @Directive('@shareable')
  @Field({ description: 'Building, unit and room: `3栋2单元502室` (unit left out when absent).' })
  address!: string;
}

export const addressOf = (h: Pick<HouseholdEntity, 'building' | 'unit' | 'room'>) => `${h.building}栋${h.unit ? `${h.unit}单元` : ''}${h.room}室`;

export const toHousehold = (h: HouseholdEntity) => Object.assign(new Household(), { id: h.id, address: addressOf(h) });
