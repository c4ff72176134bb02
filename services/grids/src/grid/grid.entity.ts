import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { GridLevel } from './grid.rules';

/** A grid of the grid tree: community area → compound → building/unit (邻里格). */
@Entity({ tableName: 'grid' })
@Unique({ properties: ['districtId', 'code'] })
@Index({ properties: ['communityId', 'parentId'] })
export class GridEntity {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  /** Unique within the district (contract). */
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 20 })
  level!: GridLevel;

  /** The root of the community's chain when the grid was created: the scope of `code`'s uniqueness. */
  @Property({ type: 'string', length: 36 })
  districtId!: string;

  @Property({ type: 'string', length: 36 })
  communityId!: string;

  /** The compound the grid covers, when it lies in one (children inherit their parent's). */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  compoundId!: string | null;

  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  parentId!: string | null;

  /**
   * Ancestor grid ids, root first, as `/a/b/` (`/` for a top-level grid). The
   * tree is at most three levels deep; descendants are found inside the
   * community (indexed) and filtered on this path.
   */
  @Property({ type: 'string', length: 120 })
  path!: string;

  @Property({ type: 'integer' })
  households!: number;

  @Property({ type: 'integer' })
  residents!: number;

  /** The closed boundary ring as `[lat, lng]` pairs, or null; indexed through `grid_cell`. */
  @Property({ type: 'json', nullable: true })
  boundary!: [number, number][] | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Set by retireGrid: still readable with its history, but takes no new tickets and is not found by gridAt. */
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  /**
   * The change number (1 at creation, +1 per change: `countChange`, which
   * writes it over the number read, so concurrent changes cannot share one),
   * sent as `sequence` in its events so copies elsewhere apply them in this order.
   */
  @Property({ type: 'integer', default: 1 })
  version: number & Opt = 1;
}

/**
 * The spatial index of `gridAt` (see cells.rules.ts): a grid with a boundary
 * is listed under every cell of its bounding box; the primary key serves the
 * lookup by cell.
 */
@Entity({ tableName: 'grid_cell' })
export class GridCellEntity {
  @PrimaryKey({ type: 'integer' })
  latCell!: number;

  @PrimaryKey({ type: 'integer' })
  lngCell!: number;

  @PrimaryKey({ type: 'string', length: 36 })
  gridId!: string;
}
