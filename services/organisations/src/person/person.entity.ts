import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

@Entity({ tableName: 'person' })
export class PersonEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** One person per phone number: registering the same number twice is a CONFLICT. */
  @Unique()
  @Property({ type: 'string', length: 20 })
  phone!: string;

  @Property({ type: 'boolean' })
  partyMember!: boolean;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/**
 * The organisations a person is known in: where they were registered, where
 * they hold posts. A person is in a caller's scope when one of these is
 * (contract: "Scoped: … people and their phones").
 */
@Entity({ tableName: 'person_affiliation' })
@Index({ properties: ['organisationId'] })
export class PersonAffiliationEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  personId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  organisationId!: string;

  @Property({ type: 'string', length: 20 })
  source!: AffiliationSource;
}

export type AffiliationSource = 'REGISTERED' | 'APPOINTED' | 'GRID_STAFF' | 'TICKET';
