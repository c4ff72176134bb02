import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { AppointmentRole } from './appointment.rules';

/** A post: person × organisation × role, `since`/`until` (ending one keeps the history). */
@Entity({ tableName: 'appointment' })
@Index({ properties: ['organisationId', 'until'] })
@Index({ properties: ['personId', 'until'] })
// One open post per person, organisation and role, even when two appointments race (CONFLICT).
@Unique({
  name: 'appointment_open_unique',
  expression: 'create unique index "appointment_open_unique" on "appointment" ("person_id", "organisation_id", "role") where "until" is null',
})
export class AppointmentEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  personId!: string;

  @Property({ type: 'string', length: 36 })
  organisationId!: string;

  @Property({ type: 'string', length: 30 })
  role!: AppointmentRole;

  /** Calendar dates `YYYY-MM-DD`. */
  @Property({ type: 'string', length: 10 })
  since!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  until!: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
