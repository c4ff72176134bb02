import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { GridLevel } from './grid.rules';

@Entity({ tableName: 'grid' })
@Index({ properties: ['communityId', 'parentId'] })
export class GridEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  /** Unique within the district (contract). */
  @Unique()
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 20 })
  level!: GridLevel;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  parentId!: string | null;

  @Property({ type: 'integer' })
  households!: number;

  @Property({ type: 'integer' })
  residents!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
