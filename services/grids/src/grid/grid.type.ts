import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@linli/subgraph-kit';
import { GeoPoint, toGeoPoint } from '../geo/geo.type';
import { Organisation, organisationRef } from '../organisation/organisation.type';
import { gridAncestors, GridLevels, type GridLevel } from './grid.rules';
import type { GridEntity } from './grid.entity';

export const GridLevelEnum = Object.fromEntries(GridLevels.map((l) => [l, l])) as { [K in GridLevel]: K };
registerEnumType(GridLevelEnum, {
  name: 'GridLevel',
  description: 'Depth of a grid in the grid tree: COMMUNITY_AREA > COMPOUND > BUILDING_UNIT.',
  valuesConfig: {
    COMMUNITY_AREA: { description: 'An area of a community (the top of the grid tree).' },
    COMPOUND: { description: 'A compound’s grid, under a community area.' },
    BUILDING_UNIT: { description: 'A building or unit (micro-grid), under a compound grid.' },
  },
});

/** A grid of the grid tree: public, like compounds (contract); its staff are not. */
@Directive('@key(fields: "id")')
@ObjectType('Grid', { description: 'A grid (网格) of a community. Public to every authenticated caller; its staff are not.' })
export class Grid {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'Code, unique within the district.' })
  code!: string;

  @Field({ description: 'Name.' })
  name!: string;

  @Field(() => GridLevelEnum, { description: 'Its level in the grid tree; never changes.' })
  level!: GridLevel;

  @Field(() => Int, { description: 'The declared number of households.' })
  households!: number;

  @Field(() => Int, { description: 'The declared number of residents.' })
  residents!: number;

  @Field(() => Organisation, { description: 'The community it belongs to.' })
  community!: Organisation;

  @Field(() => [GeoPoint], { nullable: true, description: 'The boundary as a closed ring (first point repeated last), or null.' })
  boundary!: GeoPoint[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the grid was retired (retireGrid), or null while active.' })
  retiredAt!: Date | null;

  parentId!: string | null;
  compoundId!: string | null;
  ancestorIds!: string[];
}

/** Maps the row field by field: a new column never becomes API by accident. */
export function toGrid(row: GridEntity): Grid {
  return Object.assign(new Grid(), {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    households: row.households,
    residents: row.residents,
    community: organisationRef(row.communityId),
    boundary: row.boundary ? row.boundary.map(([lat, lng]) => toGeoPoint({ lat, lng })) : null,
    retiredAt: row.retiredAt ?? null,
    parentId: row.parentId,
    compoundId: row.compoundId,
    ancestorIds: gridAncestors(row.path),
  });
}

@ObjectType({ description: 'The result of createGrid and moveGrid.' })
export class GridPayload {
  @Field(() => Grid, { description: 'The grid as written.' })
  grid!: Grid;
}
