import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The audit log of every service (contract "Audit log"), kept here: each
 * service records its entries as `<service>.audit.recorded` events in the
 * write's own transaction; this service stores them. Rows are only ever
 * inserted (no API changes or deletes them); kept at least 3 years
 * (docs/operations: retention).
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['at', 'id'] })
export class AuditEntryEntity {
  /** The event id: a redelivered event never makes a second entry. */
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 100 })
  actorId!: string;

  /** Comma-separated roles of the token. */
  @Property({ type: 'string', length: 200 })
  roles!: string;

  @Property({ type: 'string', length: 40 })
  service!: string;

  @Property({ type: 'string', length: 100 })
  action!: string;

  @Property({ type: 'string', length: 60, nullable: true })
  subjectType!: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  subjectId!: string | null;

  @Property({ type: 'string', length: 500 })
  summary!: string;
}

/** Which scopes an entry lies in: the organisations its actor acted for, with their paths (subtree = path prefix). */
@Entity({ tableName: 'audit_entry_scope' })
@Index({ properties: ['path'] })
@Index({ properties: ['organisationId'] })
export class AuditEntryScopeEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  entryId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  organisationId!: string;

  /** The organisation's ancestors as `/a/b/` plus itself: `/a/b/org/`. */
  @Property({ type: 'string', length: 1000 })
  path!: string;
}
