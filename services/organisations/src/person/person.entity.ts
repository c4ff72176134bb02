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
 * they hold posts or grid assignments, where they reported a ticket, the
 * organisation their ticket is dispatched to. A person is in a caller's scope
 * when one of these (still in force) is (contract: "Scoped: … people and
 * their phones"). Each row comes from one fact (`ref`): an appointment, a
 * grid assignment, a dispatch; when that fact ends, its row ends with it
 * ("an ended appointment or membership stops widening it").
 */
@Entity({ tableName: 'person_affiliation' })
@Index({ properties: ['organisationId'] })
@Index({ properties: ['personId', 'ref'] })
export class PersonAffiliationEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  personId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  organisationId!: string;

  /** The fact behind it: `registered`, an appointment id, a grid assignment id, `reported` (one per community a ticket was reported in), `dispatch:<ticket id>`. */
  @PrimaryKey({ type: 'string', length: 60 })
  ref!: string;

  @Property({ type: 'string', length: 20 })
  source!: AffiliationSource;

  /** Last day (YYYY-MM-DD, UTC+8) it counts; null while its fact lasts. */
  @Property({ type: 'string', length: 10, nullable: true })
  until!: string | null;
}

export type AffiliationSource = 'REGISTERED' | 'APPOINTED' | 'GRID_STAFF' | 'TICKET' | 'DISPATCH' | 'HOUSEHOLD';
