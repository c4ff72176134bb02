import { BeforeCreate, BeforeUpdate, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

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

  /**
   * The phone's last four digits, indexed: `people(query)` finds a phone
   * suffix by equality here, then checks the whole suffix (works the same on
   * PostgreSQL and SQLite, where a reversed-prefix LIKE would not use an index).
   */
  @Index()
  @Property({ type: 'string', length: 4, default: '' })
  phoneTail?: string;

  @Property({ type: 'boolean' })
  partyMember!: boolean;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Every write path keeps the tail in step with the phone, whoever creates the row. */
  @BeforeCreate()
  @BeforeUpdate()
  keepPhoneTail(): void {
    this.phoneTail = this.phone.slice(-4);
  }
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

export type AffiliationSource = 'REGISTERED' | 'APPOINTED' | 'GRID_STAFF' | 'TICKET' | 'HOUSEHOLD';
