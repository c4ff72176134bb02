import { Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import type { OrganisationKind } from './organisation.rules';

@Entity({ tableName: 'organisation' })
@Index({ properties: ['parentId', 'name'] })
export class OrganisationEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  kind!: OrganisationKind;

  @Property({ type: 'string', length: 36, nullable: true })
  parentId!: string | null;

  /**
   * Ancestor ids from the root, as `/a/b/c/` (excluding itself): scope checks
   * and subtree queries (`LIKE '/a/%'`) without recursive SQL.
   */
  @Index()
  @Property({ type: 'string', length: 1000 })
  path!: string;

  @Unique()
  @Property({ type: 'string', length: 18, nullable: true })
  creditCode!: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  contactPhone!: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  address!: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /**
   * Change number (1 at creation, +1 per change), sent as `sequence` in the
   * organisation events so copies elsewhere apply changes in this order. An
   * optimistic lock: two concurrent changes cannot get the same number.
   */
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  /** Set by `deactivateOrganisation`: it then takes no new dispatches, appointments, compounds or grids; its history stays. */
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;

  @Property({ type: 'string', length: 2000, nullable: true })
  deactivationReason?: string | null;
}

export const pathOf = (ancestorIds: readonly string[]) => (ancestorIds.length ? `/${ancestorIds.join('/')}/` : '/');
export const ancestorsOf = (path: string) => path.split('/').filter(Boolean);
